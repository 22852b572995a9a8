using System.Diagnostics;

namespace PromoOnly.Emulator.Media;

/// <summary>
/// Holds one media answer to a fixed rate, as a line of that speed would: after each block the
/// answer waits until the clock says that many bytes could have crossed the line. The schedule is
/// kept from the first byte, not per block, so a timer that wakes late is made up by the next
/// blocks going at once, and the rate over the whole answer is the one asked for, not below it.
/// </summary>
internal sealed class LinePace
{
    private readonly long started = Stopwatch.GetTimestamp();
    private long sent;

    private LinePace(long bytesPerSecond) => BytesPerSecond = bytesPerSecond;

    public long BytesPerSecond { get; }

    /// <summary>A pace for one answer at the slower of the two rates (0 is no limit); null when neither limits it.</summary>
    public static LinePace? For(long trackBytesPerSecond, long lineBytesPerSecond)
    {
        long rate = (trackBytesPerSecond, lineBytesPerSecond) switch
        {
            ( > 0, > 0) => Math.Min(trackBytesPerSecond, lineBytesPerSecond),
            ( > 0, _) => trackBytesPerSecond,
            _ => lineBytesPerSecond,
        };
        return rate > 0 ? new LinePace(rate) : null;
    }

    /// <summary>How long to wait, after <paramref name="sent"/> bytes in <paramref name="elapsed"/>, so they leave no faster than <paramref name="bytesPerSecond"/>.</summary>
    public static TimeSpan WaitAfter(long sent, long bytesPerSecond, TimeSpan elapsed)
    {
        var due = TimeSpan.FromTicks((long)((double)sent * TimeSpan.TicksPerSecond / bytesPerSecond));
        return due > elapsed ? due - elapsed : TimeSpan.Zero;
    }

    /// <summary>Counts <paramref name="count"/> more bytes sent and says how long to wait before the next.</summary>
    public TimeSpan Sent(int count)
    {
        sent += count;
        return WaitAfter(sent, BytesPerSecond, Stopwatch.GetElapsedTime(started));
    }
}
