using System;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Client;

/// <summary>
/// A pause shared by every request of one pipeline: when the server throttles one request (429),
/// the others hold back too instead of hammering it until they are throttled themselves.
/// </summary>
internal sealed class BackoffGate
{
    private readonly MonotonicClock _clock;
    private long _resumeAtTicks;

    public BackoffGate(MonotonicClock clock) => _clock = clock;

    public void PauseFor(TimeSpan delay)
    {
        long resumeAt = (_clock.Now + delay).Ticks;
        long seen = Interlocked.Read(ref _resumeAtTicks);
        while (resumeAt > seen)
        {
            long previous = Interlocked.CompareExchange(ref _resumeAtTicks, resumeAt, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    public TimeSpan Remaining => TimeSpan.FromTicks(Math.Max(0, Interlocked.Read(ref _resumeAtTicks) - _clock.Now.Ticks));

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan remaining = Remaining;
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, cancellationToken) : Task.CompletedTask;
    }
}
