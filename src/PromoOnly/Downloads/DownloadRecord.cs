using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PromoOnly.Downloads;

/// <summary>One line of the download record: which file a track became.</summary>
internal sealed class RecordEntry
{
    public RecordEntry(long trackId, string file, long length, string sha256, DateTime savedAtUtc)
    {
        TrackId = trackId;
        File = file;
        Length = length;
        Sha256 = sha256;
        SavedAtUtc = savedAtUtc;
    }

    public long TrackId { get; }

    /// <summary>The file's name inside the folder (never a path).</summary>
    public string File { get; }

    public long Length { get; }

    public string Sha256 { get; }

    public DateTime SavedAtUtc { get; }
}

/// <summary>
/// The target folder's download record, <c>.promoonly-downloads.jsonl</c> (the idea of yt-dlp's
/// --download-archive): one JSON object per line, <c>{"trackId":…,"file":…,"length":…,"sha256":…,"savedAt":…}</c>,
/// the last line of a track winning. It lets a re-run skip saved tracks without asking the API.
/// A saved track appends one line under an exclusive lock file, so the cost of a save does not grow
/// with the folder's history and concurrent runs (other processes included) lose no line. A line a
/// crash cut short is ignored, and the next line starts on a fresh one. Superseded lines are
/// compacted away when a run opens a record that has piled up many of them.
/// </summary>
internal sealed class DownloadRecord
{
    public const string FileName = ".promoonly-downloads.jsonl";
    private const string LockName = ".promoonly-downloads.lock";
    private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(30);

    // Lines beyond twice the tracks they describe (plus this) are rewritten once, when a run opens the record.
    private const int CompactionSlack = 256;

    private readonly string _folder;
    private readonly object _gate = new();
    private Dictionary<long, RecordEntry> _entries;

    public DownloadRecord(string folder)
    {
        _folder = folder;
        _entries = Read(Path.Combine(folder, FileName), out int lines);
        if (lines > (2 * _entries.Count) + CompactionSlack)
        {
            Compact();
        }
    }

    public string RecordPath => Path.Combine(_folder, FileName);

    /// <summary>The entry for a track whose file is still there with the recorded size; null otherwise.</summary>
    public RecordEntry? FindSaved(long trackId)
    {
        RecordEntry? entry;
        lock (_gate)
        {
            _entries.TryGetValue(trackId, out entry);
        }

        if (entry is null)
        {
            return null;
        }

        var file = new FileInfo(Path.Combine(_folder, entry.File));
        return file.Exists && file.Length == entry.Length ? entry : null;
    }

    /// <summary>Which track the record says owns <paramref name="file"/>, if any.</summary>
    public long? OwnerOf(string file)
    {
        lock (_gate)
        {
            foreach (RecordEntry entry in _entries.Values)
            {
                if (string.Equals(entry.File, file, StringComparison.OrdinalIgnoreCase))
                {
                    return entry.TrackId;
                }
            }
        }

        return null;
    }

    /// <summary>Adds <paramref name="entry"/> under the folder lock, keeping every line other runs wrote meanwhile.</summary>
    public void Add(RecordEntry entry)
    {
        try
        {
            Write(entry);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DownloadWriteException($"Could not update the download record '{RecordPath}': {ex.Message}", ex);
        }
    }

    private void Write(RecordEntry entry)
    {
        byte[] line = Encoding.UTF8.GetBytes(Serialize(entry) + "\n");
        lock (_gate)
        {
            using FileStream held = AcquireLock();
            // Writers are serialised by the lock file; readers (a run starting) must never be refused.
            using (var record = new FileStream(RecordPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
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

            _entries[entry.TrackId] = entry;
        }
    }

    /// <summary>Rewrites the record with one line per track, through a temporary file renamed over it.</summary>
    private void Compact()
    {
        try
        {
            lock (_gate)
            {
                using FileStream held = AcquireLock();
                string path = RecordPath;
                Dictionary<long, RecordEntry> current = Read(path, out _);
                string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                try
                {
                    using (var writer = new StreamWriter(new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None), new UTF8Encoding(false)))
                    {
                        foreach (RecordEntry line in current.Values)
                        {
                            writer.Write(Serialize(line));
                            writer.Write('\n');
                        }
                    }

                    File.Replace(temp, path, null);
                }
                finally
                {
                    if (File.Exists(temp))
                    {
                        File.Delete(temp);
                    }
                }

                _entries = current;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Compaction only saves space: a record that cannot be rewritten now is still read correctly.
        }
    }

    internal static string Serialize(RecordEntry entry) =>
        new JObject
        {
            ["trackId"] = entry.TrackId,
            ["file"] = entry.File,
            ["length"] = entry.Length,
            ["sha256"] = entry.Sha256,
            ["savedAt"] = entry.SavedAtUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        }.ToString(Formatting.None);

    private static Dictionary<long, RecordEntry> Read(string path, out int lines)
    {
        var entries = new Dictionary<long, RecordEntry>();
        lines = 0;
        if (!File.Exists(path))
        {
            return entries;
        }

        // Shared with a writer appending right now (its half line is ignored) and with a compaction's rename.
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), Encoding.UTF8);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lines++;
            // A line a person or another tool mangled is ignored, not fatal: the track is just saved again.
            if (TryParse(line) is { } entry)
            {
                entries[entry.TrackId] = entry;
            }
        }

        return entries;
    }

    private static RecordEntry? TryParse(string line)
    {
        if (line.Trim().Length == 0 || ResponseMessageReader(line) is not { } obj)
        {
            return null;
        }

        if (obj["trackId"] is not JValue { Type: JTokenType.Integer } id || obj["file"] is not JValue { Type: JTokenType.String } file
            || obj["length"] is not JValue { Type: JTokenType.Integer } length)
        {
            return null;
        }

        string name = (string)file!;
        if (name.Length == 0 || name.IndexOfAny(new[] { '/', '\\' }) >= 0 || name == "." || name == "..")
        {
            return null;
        }

        DateTime.TryParse((string?)obj["savedAt"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime savedAt);
        return new RecordEntry((long)id, name, (long)length, (string?)obj["sha256"] ?? string.Empty, savedAt);
    }

    private static JObject? ResponseMessageReader(string line) => Client.StrictJson.TryParseObject(line);

    private FileStream AcquireLock()
    {
        string path = Path.Combine(_folder, LockName);
        DateTime giveUp = DateTime.UtcNow + LockPatience;
        for (int wait = 5; ; wait = Math.Min(wait * 2, 200))
        {
            try
            {
                // FileShare.None is an exclusive lock across processes on Windows and Unix alike.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < giveUp)
            {
                Thread.Sleep(wait);
            }
        }
    }
}
