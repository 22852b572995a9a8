using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PromoOnly.Downloads;

/// <summary>
/// The target folder's download record, <c>.promoonly-downloads.jsonl</c> (the idea of yt-dlp's
/// --download-archive): one JSON object per line, <c>{"trackId":…,"file":…,"length":…,"sha256":…,"savedAt":…,
/// "artist":…,"title":…,"mix":…,"acknowledged":…}</c> (plus <c>"pending":{"serverId":…,"dlToken":…}</c>
/// while a success signal is owed), the last line of a track winning. It lets a re-run skip saved
/// tracks without asking the API, and it is what says which file belongs to which track.
/// A saved track appends one line under the <see cref="FolderLock"/>, so the cost of a save does not
/// grow with the folder's history and concurrent runs (other processes included) lose no line. The
/// record is read as a stream (<see cref="RecordReader"/>), keeping one entry per track, and caught up
/// with what other processes appended by reading only the new lines. Superseded lines are compacted
/// away when a run opens a record that has piled up many of them.
/// </summary>
internal sealed class DownloadRecord
{
    public const string FileName = ".promoonly-downloads.jsonl";

    // Lines beyond twice the tracks they describe (plus this) are rewritten once, when a run opens the record.
    private const int CompactionSlack = 256;
    private const int MarkLength = 32;

    private readonly string _folder;
    private readonly object _gate = new();
    private readonly Dictionary<long, RecordEntry> _entries = new();
    private readonly Dictionary<string, long> _owners = new(StringComparer.OrdinalIgnoreCase);
    private long _readTo;
    private byte[] _mark = Array.Empty<byte>();
    private int _lines;

    /// <summary>Reads the record; a link at its name is refused (<see cref="DownloadWriteException"/>), never read or written through.</summary>
    public DownloadRecord(string folder)
    {
        _folder = folder;
        CatchUp();
        if (_lines > (2 * _entries.Count) + CompactionSlack)
        {
            Compact();
        }
    }

    public string RecordPath => Path.Combine(_folder, FileName);

    /// <summary>Reads what other runs appended since the last look (all of it again if the record was rewritten meanwhile).</summary>
    public void CatchUp()
    {
        lock (_gate)
        {
            EntryKind kind = FolderEntry.Inspect(RecordPath);
            if (kind == EntryKind.Link)
            {
                throw NoFollowFile.LinkRefused(RecordPath);
            }

            if (kind != EntryKind.File)
            {
                Forget();
                return;
            }

            // Shared with a writer appending right now (its half line is read again next time) and with a compaction's rename.
            using var stream = new FileStream(RecordPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < _readTo || !MarkMatches(stream))
            {
                Forget();
            }

            stream.Position = _readTo;
            _readTo = RecordReader.Read(stream, Apply, ref _lines);
            _mark = new byte[(int)Math.Min(MarkLength, _readTo)];
            stream.Position = _readTo - _mark.Length;
            ReadFully(stream, _mark);
        }
    }

    /// <summary>The latest line of a track, whatever the state of its file.</summary>
    public RecordEntry? Find(long trackId)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(trackId, out RecordEntry? entry) ? entry : null;
        }
    }

    /// <summary>The entry for a track whose file is still there, a plain file with the recorded size; null otherwise.</summary>
    public RecordEntry? FindSaved(long trackId)
    {
        if (Find(trackId) is not { } entry)
        {
            return null;
        }

        string path = Path.Combine(_folder, entry.File);
        return FolderEntry.Inspect(path) == EntryKind.File && new FileInfo(path).Length == entry.Length ? entry : null;
    }

    /// <summary>Which track the record says owns <paramref name="file"/>, if any.</summary>
    public long? OwnerOf(string file)
    {
        lock (_gate)
        {
            return _owners.TryGetValue(file, out long owner) ? owner : null;
        }
    }

    /// <summary>Tracks whose success signal is still owed.</summary>
    public IReadOnlyList<RecordEntry> Pending()
    {
        lock (_gate)
        {
            return _entries.Values.Where(e => e.Pending is not null).ToArray();
        }
    }

    /// <summary>Appends <paramref name="entry"/> under the folder lock, keeping every line other runs wrote meanwhile.</summary>
    public void Add(RecordEntry entry)
    {
        byte[] line = Encoding.UTF8.GetBytes(Serialize(entry) + "\n");
        try
        {
            lock (_gate)
            {
                using (FolderLock.Acquire(_folder))
                using (FileStream record = OpenForAppend())
                {
                    // A crash may have cut the last line short: start ours on a line of its own.
                    if (record.Length > 0)
                    {
                        record.Seek(-1, SeekOrigin.End);
                        if (record.ReadByte() != '\n')
                        {
                            record.WriteByte((byte)'\n');
                        }
                    }

                    record.Seek(0, SeekOrigin.End);
                    record.Write(line, 0, line.Length);
                }

                Apply(entry);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DownloadWriteException($"Could not update the download record '{RecordPath}': {ex.Message}", ex);
        }
    }

    internal static string Serialize(RecordEntry entry)
    {
        var line = new JObject
        {
            ["trackId"] = entry.TrackId,
            ["file"] = entry.File,
            ["length"] = entry.Length,
            ["sha256"] = entry.Sha256,
            ["savedAt"] = entry.SavedAtUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["artist"] = entry.Artist,
            ["title"] = entry.Title,
            ["mix"] = entry.Mix,
            ["acknowledged"] = entry.Acknowledged,
        };
        if (entry.Pending is { } pending)
        {
            line["pending"] = new JObject { ["serverId"] = pending.ServerId, ["dlToken"] = pending.DlToken };
        }

        return line.ToString(Formatting.None);
    }

    /// <summary>The record for appending: created new if missing (never through a link), else opened without following one.</summary>
    private FileStream OpenForAppend()
    {
        try
        {
            return new FileStream(RecordPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (IOException) when (FolderEntry.Inspect(RecordPath) != EntryKind.Missing)
        {
            return NoFollowFile.OpenExisting(RecordPath);
        }
    }

    private void Apply(RecordEntry entry)
    {
        if (_entries.TryGetValue(entry.TrackId, out RecordEntry? previous) && !string.Equals(previous.File, entry.File, StringComparison.OrdinalIgnoreCase)
            && _owners.TryGetValue(previous.File, out long owner) && owner == entry.TrackId)
        {
            _owners.Remove(previous.File);
        }

        _entries[entry.TrackId] = entry;
        _owners[entry.File] = entry.TrackId;
    }

    private void Forget()
    {
        _entries.Clear();
        _owners.Clear();
        _readTo = 0;
        _lines = 0;
        _mark = Array.Empty<byte>();
    }

    /// <summary>True when the bytes just before where the last read stopped are still there: the record was only appended to.</summary>
    private bool MarkMatches(FileStream stream)
    {
        if (_mark.Length == 0)
        {
            return true;
        }

        var now = new byte[_mark.Length];
        stream.Position = _readTo - _mark.Length;
        ReadFully(stream, now);
        return now.SequenceEqual(_mark);
    }

    private static void ReadFully(Stream stream, byte[] buffer)
    {
        int filled = 0, read;
        while (filled < buffer.Length && (read = stream.Read(buffer, filled, buffer.Length - filled)) > 0)
        {
            filled += read;
        }
    }

    /// <summary>Rewrites the record with one line per track, through a new temporary file renamed over it.</summary>
    private void Compact()
    {
        string temp = RecordPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            lock (_gate)
            {
                using (FolderLock.Acquire(_folder))
                {
                    CatchUp();
                    using (var writer = new StreamWriter(new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None), new UTF8Encoding(false)))
                    {
                        foreach (RecordEntry line in _entries.Values)
                        {
                            writer.Write(Serialize(line));
                            writer.Write('\n');
                        }
                    }

                    // A rename replaces whatever is at the name; it never writes into a link's target.
                    File.Replace(temp, RecordPath, null);
                    Forget();
                    CatchUp();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Compaction only saves space: a record that cannot be rewritten now is still read correctly.
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
