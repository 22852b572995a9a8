using System;

namespace PromoOnly.Downloads;

/// <summary>One line of the download record: which file a track became, and whether the POOL API knows.</summary>
/// <param name="TrackId">The track's POOL id.</param>
/// <param name="File">The file's name inside the folder (never a path).</param>
/// <param name="Length">The file's length in bytes.</param>
/// <param name="Sha256">The SHA-256 of the file's bytes, as this module wrote them.</param>
/// <param name="SavedAtUtc">When the file took its final name.</param>
internal sealed record RecordEntry(long TrackId, string File, long Length, string Sha256, DateTime SavedAtUtc)
{
    public string Artist { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string Mix { get; init; } = string.Empty;

    /// <summary>The POOL API confirmed the success signal. False for lines written before the record knew.</summary>
    public bool Acknowledged { get; init; }

    /// <summary>Set while the success signal is owed: it may not have reached the API, and a later run sends it once.</summary>
    public PendingSignal? Pending { get; init; }

    /// <summary>The same line with the signal's outcome: confirmed, still owed, or given up.</summary>
    public RecordEntry WithSignal(bool acknowledged, PendingSignal? pending) =>
        this with { Acknowledged = acknowledged, Pending = acknowledged ? null : pending };
}
