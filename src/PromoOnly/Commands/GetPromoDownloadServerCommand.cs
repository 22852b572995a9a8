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

    [Parameter]
    [ValidateNotNull]
    public PromoOnlySession? Session { get; set; }

    protected override void BeginProcessing()
    {
        PromoOnlySession? session = Session ?? SessionStore.Current;
        if (session is null)
        {
            ThrowTerminatingError(ErrorRecords.NotConnected());
        }

        _session = session!;
        _client = CreateClient(_session.ApiBaseUri);
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
            servers = Await(_client.GetDownloadServersAsync(trackId, _session.CreateAuthorization(), CancelToken));
        }
        catch (PoolApiException failure) when (failure.Kind == PoolErrorKind.Unauthorized)
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
