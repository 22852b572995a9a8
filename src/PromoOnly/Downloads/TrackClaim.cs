using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Downloads;

/// <summary>
/// One process's right to save one track into a folder: the exclusively open lock file
/// <c>.promoonly-{trackid}.lock</c>, taken and given up under the <see cref="FolderLock"/>, so it
/// can be removed when done on every platform without anyone holding a lock on a removed file.
/// Several processes (a scheduled sync and an interactive run) sharing a folder thus never download
/// the same track at once: the second waits, then finds the track saved and skips it.
/// </summary>
internal sealed class TrackClaim : IDisposable
{
    private readonly string _folder;
    private readonly string _path;
    private FileStream? _held;

    private TrackClaim(string folder, string path, FileStream held)
    {
        _folder = folder;
        _path = path;
        _held = held;
    }

    public static string PathFor(string folder, long trackId) =>
        Path.Combine(folder, ".promoonly-" + trackId.ToString(CultureInfo.InvariantCulture) + ".lock");

    /// <summary>The claim, or null while another process (or runspace) holds it.</summary>
    public static TrackClaim? TryTake(string folder, long trackId)
    {
        string path = PathFor(folder, trackId);
        using (FolderLock.Acquire(folder))
        {
            return FolderLock.TryOpenExclusive(path) is { } held ? new TrackClaim(folder, path, held) : null;
        }
    }

    /// <summary>Takes the claim, waiting for whoever holds it; <paramref name="onWait"/> runs once if it has to wait.</summary>
    public static async Task<TrackClaim> TakeAsync(string folder, long trackId, Action onWait, CancellationToken cancellationToken)
    {
        bool told = false;
        for (int wait = 20; ; wait = Math.Min(wait * 2, 500))
        {
            if (TryTake(folder, trackId) is { } claim)
            {
                return claim;
            }

            if (!told)
            {
                told = true;
                onWait();
            }

            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        FileStream? held = Interlocked.Exchange(ref _held, null);
        if (held is null)
        {
            return;
        }

        try
        {
            using (FolderLock.Acquire(_folder))
            {
                FolderLock.Release(held, _path, remove: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The folder lock was out of reach: give up the claim anyway; the file stays for the next run to reuse.
            held.Dispose();
        }
    }
}
