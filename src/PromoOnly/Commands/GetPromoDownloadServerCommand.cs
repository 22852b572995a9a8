using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Pipeline;

namespace PromoOnly.Commands;

/// <summary>
/// Get-PromoDownloadServer: the mirror hosts that serve each track. Lookups run concurrently
/// (at most -ThrottleLimit at once) while results are written in input order as soon as the
/// oldest pending one is done, so output streams and memory stays flat.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PromoDownloadServer", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(DownloadServer))]
public sealed class GetPromoDownloadServerCommand : PerTrackCmdlet
{
    // -Fastest measures as Test-PromoDownloadServer does by default.
    private const int ProbeSamples = 3;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private OrderedPipeline<long, Outcome<ServerList>> _pipeline = null!;
    private ProgressReporter _progress = null!;

    // With -IncludeInput, the input object of every id added, in input order: results come out in
    // the same order, so each written outcome takes the head.
    private readonly Queue<PSObject?> _inputs = new();

    /// <summary>The pipeline object itself (a CSV row, a track), kept only for -IncludeInput.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>Copy the input object's other properties (a CSV row's Artist and Title…) onto each server.</summary>
    [Parameter]
    public SwitchParameter IncludeInput { get; set; }

    /// <summary>How many requests may be in flight at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>Emit only the fastest reachable server of each track, measured like Test-PromoDownloadServer.</summary>
    [Parameter]
    public SwitchParameter Fastest { get; set; }

    /// <summary>With -Fastest: measure the mirrors again even if a result from the last ten minutes is cached.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        PromoOnlySession session = RequireSession(Session);
        var lookup = new ServerLookup(
            session,
            CreateClient(session, RequestTimeout),
            new RetryPolicy(MaxRetryCount),
            new BackoffGate(MonotonicClock.System),
            this,
            Fastest ? CreateRanking(session.Http, ProbeSamples, ProbeTimeout, Force) : null);
        _pipeline = new OrderedPipeline<long, Outcome<ServerList>>(ThrottleLimit, lookup.FindAsync, CancelToken);

        _progress = new ProgressReporter(this, "Get-PromoDownloadServer", KnownTotal);
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

    private void Write(Outcome<ServerList> outcome)
    {
        _progress.Completed();
        PSObject? input = IncludeInput ? _inputs.Dequeue() : null;
        if (outcome.Failure is { } failure)
        {
            WriteFailure(failure, outcome.Id);
            return;
        }

        if (outcome.Value!.Servers.Count == 0 && outcome.Value.RejectedHosts.Count == 0)
        {
            // Not an error (the track exists), but a track that silently yields nothing looks lost.
            WriteVerbose($"Track {outcome.Id}: the POOL API lists no mirror for it yet, so there is no server to write.");
        }

        foreach (DownloadServer server in outcome.Value.Servers)
        {
            WriteObject(DownloadServerView.WithInput(DownloadServerView.Wrap(server), input));
        }

        foreach (string host in outcome.Value.RejectedHosts)
        {
            WriteError(ErrorRecords.InvalidServerHost(outcome.Id, host));
        }
    }
}
