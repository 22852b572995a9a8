namespace PromoOnly.Emulator.Catalogue;

/// <summary>
/// What the preference and queue writes of contract section 7 change, per account, for the life of
/// the emulator process: the hidden release formats, the file naming and the download queue (the
/// tracks queued and not yet downloaded or removed). One lock around small collections; the queue
/// holds at most <see cref="MaxQueued"/> tracks per account, so no client can grow it without limit.
/// </summary>
internal sealed class AccountState
{
    public const int MaxQueued = 10_000;

    private readonly object gate = new();
    private readonly Dictionary<int, SortedSet<int>> hidden = new();
    private readonly Dictionary<int, FileNamingState> naming = new();
    private readonly Dictionary<int, SortedSet<int>> queues = new();

    public IReadOnlyList<int> HiddenFormats(int userId)
    {
        lock (gate)
        {
            return hidden.TryGetValue(userId, out var set) ? set.ToArray() : [];
        }
    }

    public void SetHiddenFormats(int userId, IEnumerable<int> ids)
    {
        lock (gate)
        {
            hidden[userId] = new SortedSet<int>(ids);
        }
    }

    public FileNamingState Naming(int userId)
    {
        lock (gate)
        {
            return naming.GetValueOrDefault(userId) ?? FileNamingState.Default;
        }
    }

    public void SetNaming(int userId, FileNamingState state)
    {
        lock (gate)
        {
            naming[userId] = state;
        }
    }

    public void Enqueue(int userId, int trackId)
    {
        lock (gate)
        {
            if (!queues.TryGetValue(userId, out var queue))
            {
                queues[userId] = queue = new SortedSet<int>();
            }

            if (queue.Count < MaxQueued)
            {
                queue.Add(trackId);
            }
        }
    }

    public void Dequeue(int userId, int trackId)
    {
        lock (gate)
        {
            if (queues.TryGetValue(userId, out var queue))
            {
                queue.Remove(trackId);
            }
        }
    }

    /// <summary>Every account's queued tracks: what GET /_emulator/queue shows.</summary>
    public IReadOnlyList<(int UserId, int TrackId)> Queued()
    {
        lock (gate)
        {
            return queues.OrderBy(q => q.Key).SelectMany(q => q.Value.Select(t => (q.Key, t))).ToList();
        }
    }

    /// <summary>Back to the start-up state: nothing hidden, default naming, empty queues (DELETE /_emulator/account-state).</summary>
    public void Clear()
    {
        lock (gate)
        {
            hidden.Clear();
            naming.Clear();
            queues.Clear();
        }
    }
}
