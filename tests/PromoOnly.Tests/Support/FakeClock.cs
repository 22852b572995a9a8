using PromoOnly.Client;

namespace PromoOnly.Tests.Support;

/// <summary>A clock that moves only when a test says so; its wall clock moves with it.</summary>
internal sealed class FakeClock : MonotonicClock
{
    private static readonly TimeSpan Start = TimeSpan.FromHours(1);

    /// <summary>The wall-clock time when the fake clock reads <see cref="Start"/>.</summary>
    public static readonly DateTime StartUtc = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private long _ticks = Start.Ticks;

    public override TimeSpan Now => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public override DateTime UtcNow => StartUtc + (Now - Start);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
