using System.Management.Automation;
using PromoOnly.Auth;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>Get-PromoDownloadServer: the mirror hosts that serve each track.</summary>
[Cmdlet(VerbsCommon.Get, "PromoDownloadServer")]
[OutputType(typeof(DownloadServer))]
public sealed class GetPromoDownloadServerCommand : PromoCmdlet
{
    private PromoOnlySession _session = null!;
    private PoolApiClient _client = null!;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, long.MaxValue)]
    public long[] TrackId { get; set; } = null!;

    /// <summary>A session from Connect-PromoOnly -PassThru, used instead of the default one.</summary>
    [Parameter]
    [ValidateNotNull]
    [SessionTransformation]
    public PromoOnlySession? Session { get; set; }

    protected override void BeginProcessing()
    {
        PromoOnlySession? session = Session ?? SessionStore.Current;
        if (session is null)
        {
            ThrowTerminatingError(ErrorRecords.NotConnected());
        }

        if (session!.IsDisconnected)
        {
            ThrowTerminatingError(ErrorRecords.DisconnectedSession(session));
        }

        _session = session;
        _client = CreateClient(_session);
    }

    protected override void ProcessRecord()
    {
        foreach (long trackId in TrackId)
        {
            Lookup(trackId);
        }
    }

    private void Lookup(long trackId)
    {
        ServerList servers;
        try
        {
            servers = Await(_session.GetDownloadServersAsync(_client, trackId, CancelToken));
        }
        catch (PoolApiException failure) when (failure.Kind is PoolErrorKind.Unauthorized or PoolErrorKind.TokenExpired)
        {
            // Every other track would be refused the same way, so stop rather than repeat the error.
            ThrowTerminatingError(ErrorRecords.FromApiFailure(failure, trackId));
            return;
        }
        catch (PoolApiException failure)
        {
            WriteError(ErrorRecords.FromApiFailure(failure, trackId));
            return;
        }

        foreach (DownloadServer server in servers.Servers)
        {
            WriteObject(server);
        }

        foreach (string host in servers.RejectedHosts)
        {
            WriteError(ErrorRecords.InvalidServerHost(trackId, host));
        }
    }
}
