using System;

namespace PromoOnly;

/// <summary>One line of the account's download history (a track, or a release in the releases view).</summary>
public sealed class DownloadHistoryEntry
{
    /// <summary>When it was downloaded, in UTC (the API sends Unix seconds as text).</summary>
    public DateTime? Date { get; internal set; }

    /// <summary>The track, in the tracks view when the API names it; empty otherwise.</summary>
    public long? TrackId { get; internal set; }

    public string Title { get; internal set; } = string.Empty;

    public string Artist { get; internal set; } = string.Empty;

    /// <summary>The track's version, in the tracks view when the API names it; empty otherwise.</summary>
    public string Mix { get; internal set; } = string.Empty;

    public long? ReleaseId { get; internal set; }

    public string Release { get; internal set; } = string.Empty;

    /// <summary>How many times it was downloaded.</summary>
    public int? Downloads { get; internal set; }

    /// <summary>The file the account received, for example "320 kbps mp3".</summary>
    public string FileFormat { get; internal set; } = string.Empty;

    public MediaType MediaType { get; internal set; }

    public override string ToString() => Title.Length == 0 ? $"{Artist} - {Release}" : $"{Artist} - {Title}";
}
