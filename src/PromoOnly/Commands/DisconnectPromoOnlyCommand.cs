using System.Management.Automation;
using PromoOnly.Auth;

namespace PromoOnly.Commands;

/// <summary>Disconnect-PromoOnly: forgets a session and wipes its secrets.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "PromoOnly")]
public sealed class DisconnectPromoOnlyCommand : PSCmdlet
{
    /// <summary>A session from Connect-PromoOnly -PassThru; without it, the default session.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    [SessionTransformation]
    public PromoOnlySession? Session { get; set; }

    protected override void ProcessRecord()
    {
        PromoOnlySession? session = Session;
        if (session is null)
        {
            session = SessionStore.Clear();
            if (session is null)
            {
                WriteVerbose("No PromoOnly session is connected in this process; nothing to disconnect.");
                return;
            }
        }
        else
        {
            SessionStore.Clear(session);
        }

        session.Disconnect();
        WriteVerbose($"Disconnected POOL user {session.UserId} from {session.ApiBaseUri}.");
    }
}
