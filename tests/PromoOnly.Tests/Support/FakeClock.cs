using PromoOnly.Client;

namespace PromoOnly.Tests.Support;

internal sealed class FakeClock : MonotonicClock
{
    private long _ticks = TimeSpan.FromHours(1).Ticks;

    public override TimeSpan Now => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
