namespace PromoOnly.Emulator.Catalogue;

/// <summary>One track an account signalled as downloaded: when last, and how many times.</summary>
internal sealed record DownloadMark(int TrackId, DateTimeOffset Time, int Signals);

/// <summary>
/// What POST /download/success changed, per account, for the life of this emulator process: the
/// contract says a success signal marks the track downloaded for the account everywhere (badge and
/// history), so every catalogue answer reads this beside the seeded downloads. Concurrent downloads
/// signal at once, hence one lock around plain dictionaries (the writes are tiny). Bounded by the id
/// space the catalogue accepts (100000..999999), so a benchmark cannot grow it without limit.
/// </summary>
internal sealed class DownloadMarks
{
    private readonly object gate = new();
    private readonly Dictionary<int, Dictionary<int, DownloadMark>> byUser = new();

    public void Mark(int userId, int trackId, DateTimeOffset time)
    {
        lock (gate)
        {
            if (!byUser.TryGetValue(userId, out var marks))
            {
                byUser[userId] = marks = new Dictionary<int, DownloadMark>();
            }

            int signals = marks.TryGetValue(trackId, out var seen) ? seen.Signals + 1 : 1;
            marks[trackId] = new DownloadMark(trackId, time, signals);
        }
    }

    /// <summary>A copy of one account's marks, so an answer is built from one consistent moment.</summary>
    public AccountDownloads For(int userId)
    {
        lock (gate)
        {
            var copy = byUser.TryGetValue(userId, out var marks)
                ? new Dictionary<int, DownloadMark>(marks)
                : new Dictionary<int, DownloadMark>();
            return new AccountDownloads(userId, copy);
        }
    }

    /// <summary>Every account's marks, newest first: what GET /_emulator/downloaded shows.</summary>
    public IReadOnlyList<(int UserId, DownloadMark Mark)> Snapshot()
    {
        lock (gate)
        {
            return byUser.SelectMany(u => u.Value.Values.Select(m => (u.Key, m)))
                .OrderByDescending(x => x.m.Time)
                .ThenBy(x => x.Key)
                .ThenBy(x => x.m.TrackId)
                .ToList();
        }
    }

    /// <summary>Back to the seeded state (DELETE /_emulator/downloaded).</summary>
    public void Clear()
    {
        lock (gate)
        {
            byUser.Clear();
        }
    }
}
