using System.Management.Automation;
using PromoOnly.Auth;

namespace PromoOnly.Commands;

/// <summary>Get-PromoOnlySession: the default session of this process, if any.</summary>
[Cmdlet(VerbsCommon.Get, "PromoOnlySession", HelpUri = HelpLinks.Sessions)]
[OutputType(typeof(PromoOnlySession))]
public sealed class GetPromoOnlySessionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        PromoOnlySession? session = SessionStore.Current;
        if (session is null)
        {
            WriteVerbose("No PromoOnly session is connected in this process; run Connect-PromoOnly.");
            return;
        }

        WriteObject(session);
    }
}
