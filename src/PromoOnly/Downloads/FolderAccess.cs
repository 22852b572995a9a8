using System;
using System.IO;

namespace PromoOnly.Downloads;

/// <summary>
/// Whether files can be written into a download folder, asked once before any track is queued: a
/// read-only or full folder would otherwise fail every track after queueing it with the API.
/// </summary>
internal static class FolderAccess
{
    /// <summary>Null when a file can be created and written in <paramref name="folder"/>; otherwise the reason it cannot.</summary>
    public static string? WhyNotWritable(string folder)
    {
        // A fresh name, created (never opened if it exists, so never through a link) and deleted on close.
        string probe = Path.Combine(folder, ".promoonly-write-check-" + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                stream.WriteByte(0);
                stream.Flush(flushToDisk: true);
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return ex.Message;
        }
    }
}
