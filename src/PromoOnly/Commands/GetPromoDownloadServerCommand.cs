using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Pipeline;
using PromoOnly.Probing;

namespace PromoOnly.Commands;

/// <summary>
/// Get-PromoDownloadServer: the mirror hosts that serve each track. Lookups run concurrently
/// (at most -ThrottleLimit at once) while results are written in input order as soon as the
/// oldest pending one is done, so output streams and memory stays flat.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PromoDownloadServer", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(DownloadServer))]
public sealed class GetPromoDownloadServerCommand : PromoCmdlet
{
    // -Fastest measures as Test-PromoDownloadServer does by default.
    private const int ProbeSamples = 3;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private PromoOnlySession _session = null!;
    private PoolApiClient _client = null!;
    private RetryPolicy _retry = null!;
    private BackoffGate _gate = null!;
    private OrderedPipeline<long, LookupOutcome> _pipeline = null!;
    private ProgressReporter _progress = null!;
    private MirrorRanking? _ranking;

    // With -IncludeInput, the input object of every id added, in input order: results come out in
    // the same order, so each written outcome takes the head.
    private readonly Queue<PSObject?> _inputs = new();

    // The aliases bind CSV columns named Id, Track_Id or "Track Id" by property name.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "Track_Id", "Track Id")]
    [AllowEmptyCollection]
    [TrackIdTransformation]
    [ValidateRange(1, long.MaxValue)]
    public long[] TrackId { get; set; } = null!;

    /// <summary>The pipeline object itself (a CSV row, a track), kept only for -IncludeInput.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>Copy the input object's other properties (a CSV row's Artist and Title…) onto each server.</summary>
    [Parameter]
    public SwitchParameter IncludeInput { get; set; }

    /// <summary>A session from Connect-PromoOnly -PassThru, used instead of the default one.</summary>
    [Parameter]
    [ValidateNotNull]
    [SessionTransformation]
    public PromoOnlySession? Session { get; set; }

    /// <summary>How many requests may be in flight at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>Retries for 408, 429, 5xx, dropped connections and timeouts, per track.</summary>
    [Parameter]
    [ValidateRange(0, 10)]
    public int MaxRetryCount { get; set; } = 4;

    /// <summary>How long one request may take before it counts as timed out.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>Emit only the fastest reachable server of each track, measured like Test-PromoDownloadServer.</summary>
    [Parameter]
    public SwitchParameter Fastest { get; set; }

    /// <summary>With -Fastest: measure the mirrors again even if a result from the last ten minutes is cached.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        PromoOnlySession session = RequireSession(Session);

        _session = session;
        _client = CreateClient(_session, TimeSpan.FromSeconds(TimeoutSec));
        _retry = new RetryPolicy(MaxRetryCount);
        _gate = new BackoffGate(MonotonicClock.System);
        _pipeline = new OrderedPipeline<long, LookupOutcome>(ThrottleLimit, LookupAsync, CancelToken);
        if (Fastest)
        {
            _ranking = CreateRanking(_session.Http, ProbeSamples, ProbeTimeout, Force);
        }

        // With ids from the pipeline the total is unknown; as an argument it is the array's length.
        long? total = MyInvocation.ExpectingInput || !MyInvocation.BoundParameters.ContainsKey(nameof(TrackId)) ? null : TrackId.Length;
        _progress = new ProgressReporter(this, "Get-PromoDownloadServer", total);
    }

    protected override void ProcessRecord()
    {
        foreach (long trackId in TrackId)
        {
            if (IncludeInput)
            {
                _inputs.Enqueue(MyInvocation.ExpectingInput ? InputObject : null);
            }

            AddInOrder(_pipeline, trackId, Write);
        }
    }

    protected override void EndProcessing()
    {
        DrainInOrder(_pipeline, Write);
        _progress.Finish();
    }

    protected override void DisposeResources()
    {
        _pipeline?.Dispose();
    }


    private async Task<LookupOutcome> LookupAsync(long trackId, CancellationToken cancel)
    {
        try
        {
            ServerList servers = await _retry.RunAsync(
                c => _session.GetDownloadServersAsync(_client, trackId, c),
                _gate,
                this,
                $"Track {trackId}",
                cancel).ConfigureAwait(false);
            return _ranking is null ? LookupOutcome.Found(trackId, servers) : await KeepFastestAsync(trackId, servers, cancel).ConfigureAwait(false);
        }
        catch (PoolApiException failure)
        {
            return LookupOutcome.Failed(trackId, failure);
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            // One track's surprise must not end the pipeline: it becomes that track's error.
            return LookupOutcome.Failed(trackId, AuthorizedRequests.Unexpected(_session, unexpected, $"Track {trackId}"));
        }
    }

    private async Task<LookupOutcome> KeepFastestAsync(long trackId, ServerList servers, CancellationToken cancel)
    {
        if (servers.Servers.Count == 0)
        {
            return LookupOutcome.Found(trackId, servers);
        }

        DownloadServer? fastest = await _ranking!.FastestAsync(servers.Servers, cancel).ConfigureAwait(false);
        return fastest is null
            ? LookupOutcome.Failed(trackId, new PoolApiException(PoolErrorKind.NoReachableServer, $"Track {trackId}: none of its {servers.Servers.Count} mirror(s) answered a probe."))
            : LookupOutcome.Found(trackId, new ServerList(new[] { fastest }, servers.RejectedHosts));
    }

    private void Write(LookupOutcome outcome)
    {
        _progress.Completed();
        PSObject? input = IncludeInput ? _inputs.Dequeue() : null;
        if (outcome.Failure is { } failure)
        {
            if (failure.Kind is PoolErrorKind.Unauthorized or PoolErrorKind.TokenExpired or PoolErrorKind.Disconnected)
            {
                // Every other track would be refused the same way: stop them all rather than repeat the error.
                CancelPendingWork();
                ThrowTerminatingError(ErrorRecords.FromApiFailure(failure, outcome.TrackId));
            }

            WriteError(ErrorRecords.FromApiFailure(failure, outcome.TrackId));
            return;
        }

        if (outcome.Servers!.Servers.Count == 0 && outcome.Servers.RejectedHosts.Count == 0)
        {
            // Not an error (the track exists), but a track that silently yields nothing looks lost.
            WriteVerbose($"Track {outcome.TrackId}: the POOL API lists no mirror for it yet, so there is no server to write.");
        }

        foreach (DownloadServer server in outcome.Servers.Servers)
        {
            WriteObject(DownloadServerView.WithInput(DownloadServerView.Wrap(server), input));
        }

        foreach (string host in outcome.Servers.RejectedHosts)
        {
            WriteError(ErrorRecords.InvalidServerHost(outcome.TrackId, host));
        }
    }
}
