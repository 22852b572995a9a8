using System;
using System.Collections.Generic;
using System.Linq;

namespace PromoOnly.Downloads;

/// <summary>
/// Seconds left for a whole batch of downloads, not just the ones in flight: the bytes the active
/// transfers still miss, plus the tracks not started yet at the average size of the files seen so
/// far, at the current rate. Unknown (null) while the batch size or any size is unknown.
/// </summary>
internal static class BatchEstimate
{
    /// <param name="total">Tracks in the batch; null while input is still arriving.</param>
    /// <param name="done">Tracks finished (saved, skipped or failed).</param>
    /// <param name="doneBytes">Bytes of the files saved so far, and how many there were.</param>
    /// <param name="active">Each transfer in flight: bytes received and the file's size (-1 unknown).</param>
    /// <param name="bytesPerSecond">The current transfer rate.</param>
    public static int? SecondsRemaining(long? total, long done, (long Bytes, int Files) doneBytes, IReadOnlyCollection<(long Received, long Total)> active, double bytesPerSecond)
    {
        if (total is not { } all || bytesPerSecond <= 0 || active.Any(a => a.Total <= 0))
        {
            return null;
        }

        long notStarted = Math.Max(0, all - done - active.Count);
        long knownBytes = doneBytes.Bytes + active.Sum(a => a.Total);
        int knownFiles = doneBytes.Files + active.Count;
        if (notStarted > 0 && knownFiles == 0)
        {
            return null;
        }

        double average = knownFiles == 0 ? 0 : (double)knownBytes / knownFiles;
        double remaining = active.Sum(a => Math.Max(0, a.Total - a.Received)) + (notStarted * average);
        return (int)Math.Min(int.MaxValue, Math.Ceiling(remaining / bytesPerSecond));
    }
}
