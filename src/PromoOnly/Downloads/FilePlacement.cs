using System;
using System.Collections.Concurrent;
using System.IO;

namespace PromoOnly.Downloads;

/// <summary>
/// Moves a finished .partial file to its final name in one rename (atomic on one volume), so a file
/// never appears half-written under its real name. A name is taken only when nothing is there, or
/// when what is there is a plain file that the folder's record attributes to this very track (the
/// only file a download, -Force or not, ever replaces). Anything else at the name (a user's own file,
/// another track's, a folder, a link) keeps it, and the track gets its " [trackid]" name instead.
/// A rename never follows a link at the target: it fails (File.Move) or replaces the link itself.
/// </summary>
internal sealed class FilePlacement
{
    private readonly string _folder;
    private readonly DownloadRecord _record;
    private readonly ConcurrentDictionary<string, long> _claimed = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    public FilePlacement(string folder, DownloadRecord record)
    {
        _folder = folder;
        _record = record;
    }

    /// <summary>Renames <paramref name="partialPath"/> and returns the final full path.</summary>
    public string MoveIntoPlace(string partialPath, string fileName, long trackId)
    {
        lock (_gate)
        {
            string distinct = FileNames.WithTrackId(fileName, trackId);
            foreach (string name in new[] { fileName, distinct })
            {
                if (TryMove(partialPath, name, trackId) is { } placed)
                {
                    return placed;
                }
            }

            throw new DownloadWriteException($"'{fileName}' and '{distinct}' both belong to something else in the folder; move one away and run Save-PromoTrack again", new IOException(distinct));
        }
    }

    private string? TryMove(string partialPath, string name, long trackId)
    {
        if (_claimed.TryGetValue(name, out long claimant) && claimant != trackId)
        {
            return null;
        }

        string target = Path.Combine(_folder, name);
        long? owner = _record.OwnerOf(name);
        EntryKind kind = FolderEntry.Inspect(target);
        try
        {
            if (kind == EntryKind.Missing && (owner is null || owner == trackId))
            {
                // Fails if anything appeared at the name meanwhile (another process's file, a planted link).
                File.Move(partialPath, target);
            }
            else if (kind == EntryKind.File && owner == trackId)
            {
                File.Replace(partialPath, target, null);
            }
            else
            {
                return null;
            }
        }
        catch (IOException) when (FolderEntry.Inspect(target) != kind && File.Exists(partialPath))
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DownloadWriteException($"Could not rename the finished download to '{name}': {ex.Message}", ex);
        }

        // The partial was hidden on Windows (it is the module's); the finished file is the user's.
        FolderEntry.Unhide(target);
        _claimed[name] = trackId;
        return target;
    }
}
