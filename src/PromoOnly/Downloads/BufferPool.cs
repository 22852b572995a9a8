using System.Collections.Concurrent;

namespace PromoOnly.Downloads;

/// <summary>
/// Fixed-size copy buffers reused across downloads, so memory does not grow with file size or
/// file count. netstandard2.0 has no ArrayPool without shipping System.Buffers.dll beside the
/// module; this is the small part of it the module needs.
/// </summary>
internal static class BufferPool
{
    // Each transfer holds two (one filling from the network while the other is written and hashed):
    // 16 transfers use 8 MiB. Large enough that handing a buffer between threads costs little per
    // byte (README, Performance, has the measurement against 64 KiB).
    public const int BufferSize = 256 * 1024;

    // The highest -ThrottleLimit and some slack; beyond that, buffers are left to the GC.
    private const int MaxKept = 32;

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
