using System;
using System.Diagnostics;
using System.Threading;

namespace PromoOnly.Client;

/// <summary>
/// Elapsed time that wall-clock changes cannot move. Token lifetimes are measured on it, because
/// the POOL server's clock and the local one may disagree (only their differences are trusted).
/// </summary>
internal class MonotonicClock
{
    public static readonly MonotonicClock System = new();

    private static readonly Stopwatch Started = Stopwatch.StartNew();

    public virtual TimeSpan Now => Started.Elapsed;

    /// <summary>The wall clock, read only to show a monotonic moment as a date.</summary>
    public virtual DateTime UtcNow => DateTime.UtcNow;

    /// <summary>
    /// A cancellation that follows <paramref name="cancellationToken"/> and also fires once
    /// <paramref name="limit"/> has passed on this clock. Request time limits are measured here, so
    /// a test clock decides when a limit runs out: an event, not a race with a loaded machine.
    /// </summary>
    public virtual CancellationTokenSource LimitAfter(TimeSpan limit, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(limit);
        return source;
    }

    /// <summary>The wall-clock time for <paramref name="monotonic"/>, for display only.</summary>
    public DateTime ToUtc(TimeSpan monotonic) => UtcNow + (monotonic - Now);
}
