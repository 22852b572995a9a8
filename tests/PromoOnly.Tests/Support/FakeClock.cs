using PromoOnly.Client;

namespace PromoOnly.Tests.Support;

/// <summary>
/// A clock that moves only when a test advances it; its wall clock moves with it. Time limits
/// measured on it (a client built with it) run out inside <see cref="Advance"/>, synchronously, so
/// "the limit has passed" is an event.
/// </summary>
internal sealed class FakeClock : MonotonicClock
{
    private static readonly TimeSpan Start = TimeSpan.FromHours(1);

    /// <summary>The wall-clock time when the fake clock reads <see cref="Start"/>.</summary>
    public static readonly DateTime StartUtc = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly List<(TimeSpan Due, CancellationTokenSource Limit)> _limits = new();
    private long _ticks = Start.Ticks;

    public override TimeSpan Now => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public override DateTime UtcNow => StartUtc + (Now - Start);

    public override CancellationTokenSource LimitAfter(TimeSpan limit, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_limits)
        {
            _limits.Add((Now + limit, source));
        }

        return source;
    }

    public void Advance(TimeSpan by)
    {
        TimeSpan now = TimeSpan.FromTicks(Interlocked.Add(ref _ticks, by.Ticks));
        List<CancellationTokenSource> due;
        lock (_limits)
        {
            due = _limits.Where(l => l.Due <= now).Select(l => l.Limit).ToList();
            _limits.RemoveAll(l => l.Due <= now);
        }

        foreach (CancellationTokenSource limit in due)
        {
            try
            {
                limit.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Its request ended before the limit: nothing left to stop.
            }
        }
    }
}
