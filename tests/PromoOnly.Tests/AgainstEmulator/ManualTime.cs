namespace PromoOnly.Tests.AgainstEmulator;

/// <summary>The emulator's clock, moved by the test: tokens expire on the server without waiting.</summary>
internal sealed class ManualTime : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
