using System.Collections.Concurrent;

namespace PromoOnly.Downloads;

/// <summary>
/// Fixed-size copy buffers reused across downloads, so memory does not grow with file size or
/// file count. netstandard2.0 has no ArrayPool without shipping System.Buffers.dll beside the
/// module; this is the small part of it the module needs.
/// </summary>
internal static class BufferPool
{
    // Each transfer holds up to its WriteBehind.Depth (one filling from the network while the others are
    // written and hashed): 16 transfers use 16 MiB. Against 64 KiB, a 200 MiB file saved about a fifth
    // faster on loopback (fewer thread-pool hand-offs per byte); README, Performance.
    public const int BufferSize = 256 * 1024;

    // The highest -ThrottleLimit's worth; beyond that, buffers are left to the GC.
    private const int MaxKept = 16 * WriteBehind.MinDepth;

    private static readonly ConcurrentBag<byte[]> Kept = new();

    public static byte[] Rent() => Kept.TryTake(out byte[]? buffer) ? buffer : new byte[BufferSize];

    public static void Return(byte[] buffer)
    {
        if (buffer.Length == BufferSize && Kept.Count < MaxKept)
        {
            Kept.Add(buffer);
        }
    }
}
