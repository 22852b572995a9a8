using System;

namespace PromoOnly;

/// <summary>
/// One POOL release (an album, a compilation or a chart), from the releases-by-date list or from
/// <c>/release/{id}</c>. Everything here came from the server and was cleaned for display.
/// </summary>
public sealed class Release
{
    internal Release(long releaseId)
    {
        ReleaseId = releaseId;
    }

    /// <summary>Binds by property name to Get-PromoTrack -ReleaseId.</summary>
    public long ReleaseId { get; }

    public string Title { get; internal set; } = string.Empty;

    public string Artist { get; internal set; } = string.Empty;

    public string Label { get; internal set; } = string.Empty;

    public string Genre { get; internal set; } = string.Empty;

    /// <summary>The release date (a calendar date, no time of day); empty when the API gave none.</summary>
    public DateTime? Date { get; internal set; }

    /// <summary>The kind of release as the API names it (for example "Album" or "Chart").</summary>
    public string Type { get; internal set; } = string.Empty;

    /// <summary>How many tracks the release holds; empty when the API did not say.</summary>
    public int? TrackCount { get; internal set; }

    /// <summary>Whether the account already downloaded this release.</summary>
    public bool Downloaded { get; internal set; }

    /// <summary>The cover image; only absolute http/https addresses are kept.</summary>
    public Uri? ImageUri { get; internal set; }

    /// <summary>When the release last changed on the POOL, in UTC when the API sent a time.</summary>
    public DateTime? Modified { get; internal set; }

    public override string ToString() => Artist.Length == 0 ? Title : $"{Artist} - {Title}";
}
