namespace PromoOnly.Emulator.Diagnostics;

/// <summary>
/// Lock-free per-endpoint call counts. Tests use them to prove caching, e.g. that a client
/// re-used its token instead of authenticating before every download.
/// </summary>
internal sealed class CallCounters
{
    private readonly long[] counts = new long[Enum.GetValues<PoolCall>().Length];
    private long injected;
    private long inFlight;
    private long maxConcurrent;

    public void Count(PoolCall call) => Interlocked.Increment(ref counts[(int)call]);

    /// <summary>Counts one failure injected by --fault-rate.</summary>
    public void CountInjectedFault() => Interlocked.Increment(ref injected);

    /// <summary>A POOL API request started; raises the high-water mark if it is one more than ever.</summary>
    public void EnterRequest()
    {
        var now = Interlocked.Increment(ref inFlight);
        var seen = Interlocked.Read(ref maxConcurrent);
        while (now > seen)
        {
            var previous = Interlocked.CompareExchange(ref maxConcurrent, now, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }
    }

    public void LeaveRequest() => Interlocked.Decrement(ref inFlight);

    public EmulatorStats Snapshot() => new(
        Interlocked.Read(ref counts[(int)PoolCall.Authenticate]),
        Interlocked.Read(ref counts[(int)PoolCall.Validate]),
        Interlocked.Read(ref counts[(int)PoolCall.Signin]),
        Interlocked.Read(ref counts[(int)PoolCall.Servers]))
    {
        Injected = Interlocked.Read(ref injected),
        MaxConcurrent = Interlocked.Read(ref maxConcurrent),
        Queue = Interlocked.Read(ref counts[(int)PoolCall.Queue]),
        Success = Interlocked.Read(ref counts[(int)PoolCall.Success]),
        ReleasePages = Interlocked.Read(ref counts[(int)PoolCall.ReleasePages]),
        Release = Interlocked.Read(ref counts[(int)PoolCall.Release]),
        Versions = Interlocked.Read(ref counts[(int)PoolCall.Versions]),
        Search = Interlocked.Read(ref counts[(int)PoolCall.Search]),
        QuickSearch = Interlocked.Read(ref counts[(int)PoolCall.QuickSearch]),
        HistoryPages = Interlocked.Read(ref counts[(int)PoolCall.HistoryPages]),
        FileFormats = Interlocked.Read(ref counts[(int)PoolCall.FileFormats]),
        Genres = Interlocked.Read(ref counts[(int)PoolCall.Genres]),
        SpecialtyPages = Interlocked.Read(ref counts[(int)PoolCall.SpecialtyPages]),
        SpecialtyYears = Interlocked.Read(ref counts[(int)PoolCall.SpecialtyYears]),
        DecadePages = Interlocked.Read(ref counts[(int)PoolCall.DecadePages]),
        ReleaseSearch = Interlocked.Read(ref counts[(int)PoolCall.ReleaseSearch]),
        Charts = Interlocked.Read(ref counts[(int)PoolCall.Charts]),
        ReleaseFormats = Interlocked.Read(ref counts[(int)PoolCall.ReleaseFormats]),
        FormatFilters = Interlocked.Read(ref counts[(int)PoolCall.FormatFilters]),
        Options = Interlocked.Read(ref counts[(int)PoolCall.Options]),
        FileNaming = Interlocked.Read(ref counts[(int)PoolCall.FileNaming]),
        FileNamingSaves = Interlocked.Read(ref counts[(int)PoolCall.FileNamingSaves]),
        QueueRemovals = Interlocked.Read(ref counts[(int)PoolCall.QueueRemovals]),
        Redownloads = Interlocked.Read(ref counts[(int)PoolCall.Redownloads]),
        Sync = Interlocked.Read(ref counts[(int)PoolCall.Sync]),
        PoolUserId = Interlocked.Read(ref counts[(int)PoolCall.PoolUserId]),
        SessionPages = Interlocked.Read(ref counts[(int)PoolCall.SessionPages]),
        Sessions = Interlocked.Read(ref counts[(int)PoolCall.Sessions]),
    };

    public void Reset()
    {
        for (var i = 0; i < counts.Length; i++)
        {
            Interlocked.Exchange(ref counts[i], 0);
        }

        Interlocked.Exchange(ref injected, 0);

        // Requests still running count towards the next measurement.
        Interlocked.Exchange(ref maxConcurrent, Interlocked.Read(ref inFlight));
    }
}
