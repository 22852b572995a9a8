using System.Management.Automation;
using PromoOnly.Auth;

namespace PromoOnly.Commands;

/// <summary>Disconnect-PromoOnly: forgets a session and wipes its secrets.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "PromoOnly", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Sessions)]
public sealed class DisconnectPromoOnlyCommand : PSCmdlet
{
    /// <summary>A session from Connect-PromoOnly -PassThru; without it, the default session.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    [SessionTransformation]
    public PromoOnlySession? Session { get; set; }

    protected override void ProcessRecord()
    {
        PromoOnlySession? session = Session ?? SessionStore.Current;
        if (session is null)
        {
            WriteVerbose("No PromoOnly session is connected in this process; nothing to disconnect.");
            return;
        }

        if (!ShouldProcess($"POOL user {session.UserId} at {session.ApiBaseUri}", "Disconnect and wipe the session's secrets"))
        {
            return;
        }

        // Only if it is still the default: another runspace may have connected meanwhile.
        SessionStore.Clear(session);

        session.Disconnect();
        WriteVerbose($"Disconnected POOL user {session.UserId} from {session.ApiBaseUri}.");
    }
}
