using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Probing;

/// <summary>
/// Mirror probes for the whole process. Concurrent askers share one probe in flight, so a thousand
/// tracks on the same three mirrors cost three probes, not three thousand; a measured latency is
/// reused for ten minutes, an "unreachable" only for thirty seconds (the mirror may be back).
/// At most <see cref="MaxConcurrentProbes"/> probes run at once in the whole process, whoever asked
/// (Test-PromoDownloadServer, -Fastest, any runspace), so a server that lists hundreds of hosts
/// cannot make the module open hundreds of sockets. A probe belongs to no command: it is cancelled
/// only when every asker has stopped waiting for it, never because the one that started it did.
/// </summary>
internal sealed class ProbeCache
{
    public const int DefaultMaxConcurrentProbes = 32;

    public static readonly TimeSpan AnsweredLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan UnreachableLifetime = TimeSpan.FromSeconds(30);

    public static readonly ProbeCache Shared = new(DefaultMaxConcurrentProbes);

    // Past this many remembered hosts, expired results are dropped when a new host is added.
    private const int PruneAbove = 1024;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _slots;
    private readonly Func<DateTime> _utcNow;

    public ProbeCache(int maxConcurrentProbes, Func<DateTime>? utcNow = null)
    {
        MaxConcurrentProbes = maxConcurrentProbes;
        _slots = new SemaphoreSlim(maxConcurrentProbes, maxConcurrentProbes);
        _utcNow = utcNow ?? (() => DateTime.UtcNow);
    }

    public int MaxConcurrentProbes { get; }

    /// <summary>
    /// The probe of <paramref name="key"/>: one in flight, or one measured since <paramref name="notBefore"/>
    /// and still fresh; otherwise a new one from <paramref name="probe"/>, which gets a token that fires
    /// once nobody waits for its result any more. Cancelling <paramref name="cancellationToken"/> stops
    /// this caller's wait only.
    /// </summary>
    public async Task<ProbeResult> GetAsync(string key, DateTime notBefore, Func<CancellationToken, Task<ProbeResult>> probe, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!) || !IsUsable(entry, notBefore))
            {
                if (_entries.Count > PruneAbove)
                {
                    Prune();
                }

                entry = new Entry();
                entry.Task = RunAsync(probe, entry.Abandoned.Token);
                _entries[key] = entry;
            }

            entry.Waiters++;
        }

        try
        {
            return await entry.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Leave(key, entry);
        }
    }

    private async Task<ProbeResult> RunAsync(Func<CancellationToken, Task<ProbeResult>> probe, CancellationToken abandoned)
    {
        // Off the caller's thread (and out of the lock) before anything else runs.
        await Task.Yield();
        await _slots.WaitAsync(abandoned).ConfigureAwait(false);
        try
        {
            return await probe(abandoned).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private void Leave(string key, Entry entry)
    {
        bool abandon;
        lock (_entries)
        {
            abandon = --entry.Waiters == 0 && !entry.Task.IsCompleted;
            if (abandon && _entries.TryGetValue(key, out Entry? current) && ReferenceEquals(current, entry))
            {
                // The next asker starts afresh instead of joining a probe that is being cancelled.
                _entries.Remove(key);
            }
        }

        if (abandon)
        {
            entry.Abandoned.Cancel();
        }
    }

    private bool IsUsable(Entry entry, DateTime notBefore)
    {
        if (!entry.Task.IsCompleted)
        {
            return true;
        }

        return entry.Task.Status == TaskStatus.RanToCompletion && IsFresh(entry.Task.Result, notBefore);
    }

    private bool IsFresh(ProbeResult result, DateTime notBefore) =>
        result.MeasuredAt >= notBefore
        && _utcNow() - result.MeasuredAt < (result.Reachable ? AnsweredLifetime : UnreachableLifetime);

    /// <summary>Drops expired results, then, if hostile answers still named too many hosts, finished ones too (they are only re-measured).</summary>
    private void Prune()
    {
        foreach (string stale in _entries.Where(e => e.Value.Task.IsCompleted && !IsUsable(e.Value, DateTime.MinValue)).Select(e => e.Key).ToList())
        {
            _entries.Remove(stale);
        }

        foreach (string finished in _entries.Where(e => e.Value.Task.IsCompleted).Select(e => e.Key).Take(Math.Max(0, _entries.Count - PruneAbove)).ToList())
        {
            _entries.Remove(finished);
        }
    }

    private sealed class Entry
    {
        public readonly CancellationTokenSource Abandoned = new();
        public Task<ProbeResult> Task = null!;
        public int Waiters;
    }
}
