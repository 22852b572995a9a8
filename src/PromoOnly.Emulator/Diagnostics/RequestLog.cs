namespace PromoOnly.Emulator.Diagnostics;

/// <summary>
/// The most recent requests, oldest first, capped so a long-running emulator stays small.
/// A plain lock is enough: appends are tiny and reads are rare.
/// </summary>
internal sealed class RequestLog
{
    public const int Capacity = 5000;

    private readonly Queue<RecordedRequest> entries = new();
    private readonly Lock gate = new();

    /// <summary>
    /// API calls and the redirect target are logged; the other control endpoints are not,
    /// so reading the log does not change it.
    /// </summary>
    public static bool ShouldRecord(PathString path) =>
        !path.StartsWithSegments("/_emulator") || path.StartsWithSegments("/_emulator/redirect-target");

    public void Add(RecordedRequest request)
    {
        lock (gate)
        {
            entries.Enqueue(request);
            while (entries.Count > Capacity)
            {
                entries.Dequeue();
            }
        }
    }

    public RecordedRequest[] Snapshot()
    {
        lock (gate)
        {
            return entries.ToArray();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }
}
