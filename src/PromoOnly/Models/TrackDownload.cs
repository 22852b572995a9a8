using System;
using System.IO;

namespace PromoOnly;

/// <summary>What Save-PromoTrack did with a track.</summary>
public enum TrackDownloadStatus
{
    /// <summary>Downloaded, verified and renamed to its final name.</summary>
    Saved,

    /// <summary>Already saved (the folder's download record lists it and the file is there with its size); nothing was downloaded.</summary>
    Skipped,
}

/// <summary>One track saved (or skipped) by Save-PromoTrack.</summary>
public sealed class TrackDownload
{
    internal TrackDownload(long trackId, string artist, string title, string mix, string path, long length, string sha256, TrackDownloadStatus status)
    {
        TrackId = trackId;
        Artist = artist;
        Title = title;
        Mix = mix;
        Path = path;
        Length = length;
        Sha256 = sha256;
        Status = status;
    }

    public long TrackId { get; }

    public string Artist { get; }

    public string Title { get; }

    public string Mix { get; }

    /// <summary>The saved file's full path.</summary>
    public string Path { get; }

    /// <summary>The saved file.</summary>
    public FileInfo File => new(Path);

    /// <summary>The file's name inside the folder.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Bytes in the file.</summary>
    public long Length { get; }

    /// <summary>Lowercase hex SHA-256 of what was written (for a skipped track, as the record holds it: see <see cref="Verified"/>).</summary>
    public string Sha256 { get; }

    /// <summary>
    /// True when <see cref="Sha256"/> was computed from the bytes this run wrote. False for a skipped
    /// track: its file has the recorded size, but its bytes were not read again (a re-run reads no
    /// file), so Sha256 is the record's; Get-FileHash checks it, -Force downloads it again.
    /// </summary>
    public bool Verified { get; internal set; }

    /// <summary>The media host the file came from; empty when skipped.</summary>
    public string? Host { get; internal set; }

    /// <summary>The POOL server id of <see cref="Host"/>, as sent in the success signal.</summary>
    public int? ServerId { get; internal set; }

    /// <summary>True when an interrupted .partial file was continued rather than started over.</summary>
    public bool Resumed { get; internal set; }

    public TimeSpan Elapsed { get; internal set; }

    /// <summary>True when the POOL API confirmed the success signal (the account's history shows the download); for a skipped track, as the record says.</summary>
    public bool Acknowledged { get; internal set; }

    public TrackDownloadStatus Status { get; }

    public override string ToString() => Path;
}
