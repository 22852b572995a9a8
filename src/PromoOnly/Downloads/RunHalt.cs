using System;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Downloads;

/// <summary>
/// Save-PromoTrack's stop rule at work: once <see cref="RunTally"/> says the API was down for
/// several tracks in a row, tracks not yet started are not attempted, tracks in flight end as not
/// attempted (their .partial files kept), and later failures of the same cause are counted with
/// them instead of reported one by one. Ctrl+C still cancels as usual.
/// </summary>
internal sealed class RunHalt : IDisposable
{
    private readonly CancellationTokenSource _halt = new();

    /// <summary>What to do with a failed track.</summary>
    public enum Verdict
    {
        /// <summary>Report it.</summary>
        Report,

        /// <summary>Report it: it is the failure that stops the run.</summary>
        ReportAndHalt,

        /// <summary>Do not report it: it has the cause of the stop and is counted as not attempted.</summary>
        NotAttempted,
    }

    public RunTally Tally { get; } = new();

    /// <summary>
    /// <paramref name="save"/> for the track, unless the run stopped trying before it started; one
    /// the stop cancels in flight ends as not attempted.
    /// </summary>
    public async Task<Outcome<TrackDownload>> SaveUnlessHaltedAsync(
        Func<long, CancellationToken, Task<Outcome<TrackDownload>>> save, long trackId, CancellationToken cancellationToken)
    {
        if (_halt.IsCancellationRequested)
        {
            return NotAttempted(trackId);
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _halt.Token);
        try
        {
            return await save(trackId, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_halt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return NotAttempted(trackId);
        }
    }

    /// <summary>Whether the outcome is a track the run did not try, or stopped before it finished: neither saved nor failed.</summary>
    public static bool WasNotAttempted(Outcome<TrackDownload> outcome) => outcome.Value is null && outcome.Failure is null;

    /// <summary>Counts a failed track and says how to report it; the failure that halts the run also stops the tracks in flight.</summary>
    public Verdict Fail(long trackId, PoolErrorKind kind)
    {
        if (Tally.Halted && RunTally.MeansApiDown(kind))
        {
            Tally.AddNotAttempted(trackId);
            return Verdict.NotAttempted;
        }

        if (!Tally.AddFailed(kind))
        {
            return Verdict.Report;
        }

        _halt.Cancel();
        return Verdict.ReportAndHalt;
    }

    public void Dispose() => _halt.Dispose();

    private static Outcome<TrackDownload> NotAttempted(long trackId) => new(trackId, null, null, Array.Empty<PoolApiException>());
}
