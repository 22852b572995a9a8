using System;
using System.Collections.Concurrent;
using System.IO;

namespace PromoOnly.Downloads;

/// <summary>
/// Moves a finished .partial file to its final name in one rename (atomic on one volume), so a
/// file never appears half-written under its real name. Picks a distinct name (" [trackid]") when
/// the name belongs to another track, to a file the record does not know (unless -Force), or to
/// another download of this run; -Force replaces the track's own file in place.
/// </summary>
internal sealed class FilePlacement
{
    private readonly string _folder;
    private readonly DownloadRecord _record;
    private readonly bool _force;
    private readonly ConcurrentDictionary<string, long> _claimed = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    public FilePlacement(string folder, DownloadRecord record, bool force)
    {
        _folder = folder;
        _record = record;
        _force = force;
    }

    /// <summary>Renames <paramref name="partialPath"/> and returns the final full path.</summary>
    public string MoveIntoPlace(string partialPath, string fileName, long trackId)
    {
        lock (_gate)
        {
            string name = Usable(fileName, trackId) ? fileName : FileNames.WithTrackId(fileName, trackId);
            if (!Usable(name, trackId))
            {
                throw new DownloadWriteException($"'{name}' already exists in the folder and belongs to something else; move it away or use -Force.", new IOException(name));
            }

            _claimed[name] = trackId;
            string target = Path.Combine(_folder, name);
            try
            {
                if (File.Exists(target))
                {
                    File.Replace(partialPath, target, null);
                }
                else
                {
                    File.Move(partialPath, target);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new DownloadWriteException($"Could not rename the finished download to '{name}': {ex.Message}", ex);
            }

            return target;
        }
    }

    private bool Usable(string name, long trackId)
    {
        if (_claimed.TryGetValue(name, out long claimant) && claimant != trackId)
        {
            return false;
        }

        long? owner = _record.OwnerOf(name);
        if (owner is { } other && other != trackId)
        {
            return false;
        }

        return owner == trackId || _force || !File.Exists(Path.Combine(_folder, name));
    }
}
