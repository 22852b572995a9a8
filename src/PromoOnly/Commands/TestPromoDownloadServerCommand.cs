using System;
using System.Management.Automation;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Pipeline;
using PromoOnly.Probing;

namespace PromoOnly.Commands;

/// <summary>
/// Test-PromoDownloadServer: how fast each mirror answers from here. Hosts are measured
/// concurrently (within the process-wide probe limit); results come out in input order as new
/// objects with LatencyMs and Reachable filled in, the piped-in ones left untouched.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PromoDownloadServer", DefaultParameterSetName = ServerSet, HelpUri = HelpLinks.FastestMirror)]
[OutputType(typeof(DownloadServer))]
public sealed class TestPromoDownloadServerCommand : PromoCmdlet
{
    private const string ServerSet = "Server";
    private const string HostSet = "HostName";

    private MirrorRanking _ranking = null!;
    // Probes are small and shared through the cache; this many hosts are measured at once.
    private const int ConcurrentProbes = 32;

    private OrderedPipeline<DownloadServer, DownloadServer> _pipeline = null!;

    /// <summary>Servers from Get-PromoDownloadServer.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ServerSet)]
    [ValidateNotNull]
    public DownloadServer[] InputObject { get; set; } = null!;

    /// <summary>Mirror host names, optionally with a port.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = HostSet)]
    [ValidateNotNullOrEmpty]
    public string[] HostName { get; set; } = null!;

    /// <summary>Requests per host; the median is reported.</summary>
    [Parameter]
    [ValidateRange(1, 20)]
    public int Count { get; set; } = 3;

    /// <summary>How long one probe request may take before the host counts as unreachable.</summary>
    [Parameter]
    [ValidateRange(1, 60)]
    public int TimeoutSec { get; set; } = 5;

    /// <summary>Measure again even if a result from the last ten minutes is cached.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The session whose connection settings (proxy) the probes use; the default session if omitted.</summary>
    [Parameter]
    [ValidateNotNull]
    [SessionTransformation]
    public PromoOnlySession? Session { get; set; }

    protected override void BeginProcessing()
    {
        // Probes carry no credentials, so any session (even a disconnected one) lends its transport.
        var http = (Session ?? SessionStore.Current)?.Http ?? PoolHttp.Client;
        _ranking = CreateRanking(http, Count, TimeSpan.FromSeconds(TimeoutSec), Force);
        _pipeline = new OrderedPipeline<DownloadServer, DownloadServer>(ConcurrentProbes, _ranking.MeasureAsync, CancelToken);
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == HostSet)
        {
            foreach (string host in HostName)
            {
                if (!HostNameValidator.IsValid(host))
                {
                    WriteError(ErrorRecords.InvalidHostName(host));
                    continue;
                }

                AddInOrder(_pipeline, new DownloadServer(trackId: 0, id: 0, host), WriteServer);
            }
        }
        else
        {
            foreach (DownloadServer server in InputObject)
            {
                AddInOrder(_pipeline, server, WriteServer);
            }
        }
    }

    protected override void EndProcessing()
    {
        DrainInOrder(_pipeline, WriteServer);
    }

    private void WriteServer(DownloadServer server) => WriteObject(DownloadServerView.Wrap(server));

    protected override void DisposeResources()
    {
        _pipeline?.Dispose();
    }
}
