using System.Collections.Concurrent;

namespace PromoOnly.Emulator.Media;

/// <summary>
/// Per-track behaviour a test (or a script author) sets at run time through /_emulator/media/{id}/…:
/// the Content-Disposition name a media host sends, and a hold that keeps every media answer for
/// the track waiting after its first block until released, so a test can act while a download is
/// provably in progress (two processes sharing a folder, Ctrl+C) instead of guessing a delay.
/// DELETE /_emulator/stats forgets the names and releases every hold.
/// </summary>
internal sealed class MediaControls
{
    private readonly ConcurrentDictionary<int, string> fileNames = new();
    private readonly ConcurrentDictionary<int, Hold> holds = new();

    public string? FileNameFor(int trackId) => fileNames.TryGetValue(trackId, out var name) ? name : null;

    public void SetFileName(int trackId, string name) => fileNames[trackId] = name;

    public void ClearFileName(int trackId) => fileNames.TryRemove(trackId, out _);

    public void HoldTrack(int trackId) => holds.GetOrAdd(trackId, static _ => new Hold());

    public void Release(int trackId)
    {
        if (holds.TryRemove(trackId, out var hold))
        {
            hold.Open();
        }
    }

    /// <summary>Media answers for the track waiting at its hold right now.</summary>
    public int Waiting(int trackId) => holds.TryGetValue(trackId, out var hold) ? hold.Waiting : 0;

    public bool IsHeld(int trackId) => holds.ContainsKey(trackId);

    /// <summary>Waits while the track is held; returns false if the client hung up meanwhile.</summary>
    public async Task<bool> PassAsync(int trackId, CancellationToken aborted)
    {
        if (!holds.TryGetValue(trackId, out var hold))
        {
            return true;
        }

        Interlocked.Increment(ref hold.WaitingCount);
        try
        {
            await hold.Released.WaitAsync(aborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref hold.WaitingCount);
        }
    }

    public void Reset()
    {
        fileNames.Clear();
        foreach (int trackId in holds.Keys)
        {
            Release(trackId);
        }
    }

    private sealed class Hold
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int WaitingCount;

        public Task Released => released.Task;

        public int Waiting => Volatile.Read(ref WaitingCount);

        public void Open() => released.TrySetResult();
    }
}
