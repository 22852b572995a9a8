namespace PromoOnly.Emulator.Auth;

/// <summary>
/// The clock the server <em>reports</em>. It is deliberately skewable while expiry is judged
/// on the unskewed clock, mirroring a real server whose clock disagrees with the client's.
/// </summary>
internal sealed class ServerClock(TimeProvider time, TimeSpan skew)
{
    public long UnixNow() => (time.GetUtcNow() + skew).ToUnixTimeSeconds();
}
