namespace PromoOnly.Emulator.Diagnostics;

/// <summary>
/// Lock-free per-endpoint call counts. Tests use them to prove caching, e.g. that a client
/// re-used its token instead of authenticating before every download.
/// </summary>
internal sealed class CallCounters
{
    private readonly long[] counts = new long[Enum.GetValues<PoolCall>().Length];
    private long injected;

    public void Count(PoolCall call) => Interlocked.Increment(ref counts[(int)call]);

    /// <summary>Counts one failure injected by --fault-rate.</summary>
    public void CountInjectedFault() => Interlocked.Increment(ref injected);

    public EmulatorStats Snapshot() => new(
        Interlocked.Read(ref counts[(int)PoolCall.Authenticate]),
        Interlocked.Read(ref counts[(int)PoolCall.Validate]),
        Interlocked.Read(ref counts[(int)PoolCall.Signin]),
        Interlocked.Read(ref counts[(int)PoolCall.Servers]))
    {
        Injected = Interlocked.Read(ref injected),
        ReleasePages = Interlocked.Read(ref counts[(int)PoolCall.ReleasePages]),
        Release = Interlocked.Read(ref counts[(int)PoolCall.Release]),
        Versions = Interlocked.Read(ref counts[(int)PoolCall.Versions]),
        Search = Interlocked.Read(ref counts[(int)PoolCall.Search]),
        QuickSearch = Interlocked.Read(ref counts[(int)PoolCall.QuickSearch]),
        HistoryPages = Interlocked.Read(ref counts[(int)PoolCall.HistoryPages]),
        FileFormats = Interlocked.Read(ref counts[(int)PoolCall.FileFormats]),
    };

    public void Reset()
    {
        for (var i = 0; i < counts.Length; i++)
        {
            Interlocked.Exchange(ref counts[i], 0);
        }

        Interlocked.Exchange(ref injected, 0);
    }
}
