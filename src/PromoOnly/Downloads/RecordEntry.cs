using System;

namespace PromoOnly.Downloads;

/// <summary>A success signal that may not have reached the POOL API: what a later run needs to send it once.</summary>
internal sealed class PendingSignal
{
    public PendingSignal(int serverId, string dlToken)
    {
        ServerId = serverId;
        DlToken = dlToken;
    }

    public int ServerId { get; }

    /// <summary>Authorises nothing without the account's token; kept only until the signal is confirmed.</summary>
    public string DlToken { get; }
}

/// <summary>One line of the download record: which file a track became, and whether the POOL API knows.</summary>
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

    public string Artist { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string Mix { get; init; } = string.Empty;

    /// <summary>The POOL API confirmed the success signal. False for lines written before the record knew.</summary>
    public bool Acknowledged { get; init; }

    /// <summary>Set while the success signal is owed: it may not have reached the API, and a later run sends it once.</summary>
    public PendingSignal? Pending { get; init; }

    /// <summary>The same line with the signal's outcome: confirmed, still owed, or given up.</summary>
    public RecordEntry WithSignal(bool acknowledged, PendingSignal? pending) =>
        new(TrackId, File, Length, Sha256, SavedAtUtc) { Artist = Artist, Title = Title, Mix = Mix, Acknowledged = acknowledged, Pending = acknowledged ? null : pending };
}
