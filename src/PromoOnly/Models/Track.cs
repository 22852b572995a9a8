using System;

namespace PromoOnly;

/// <summary>
/// One downloadable track (a mix, edit or video of a title). <see cref="TrackId"/> binds by property
/// name to Get-PromoDownloadServer, Save-PromoTrack and Get-PromoTrackVersion.
/// </summary>
public sealed class Track
{
    internal Track(long trackId)
    {
        TrackId = trackId;
    }

    public long TrackId { get; }

    /// <summary>The song all versions share; Get-PromoTrackVersion lists the others.</summary>
    public long? TitleId { get; internal set; }

    public string Title { get; internal set; } = string.Empty;

    public string Artist { get; internal set; } = string.Empty;

    /// <summary>The version, for example "Clean Extended" or "Dirty Intro".</summary>
    public string Mix { get; internal set; } = string.Empty;

    public string Genre { get; internal set; } = string.Empty;

    public double? Bpm { get; internal set; }

    public TimeSpan? Duration { get; internal set; }

    public string Label { get; internal set; } = string.Empty;

    public long? ReleaseId { get; internal set; }

    /// <summary>The title of the release the track is on.</summary>
    public string Release { get; internal set; } = string.Empty;

    public MediaType MediaType { get; internal set; }

    /// <summary>Whether the POOL flags the lyrics or video as explicit (its "content warning").</summary>
    public bool Explicit { get; internal set; }

    /// <summary>Whether the account already downloaded this track.</summary>
    public bool Downloaded { get; internal set; }

    /// <summary>When the track last changed on the POOL.</summary>
    public DateTime? Modified { get; internal set; }

    /// <summary>The file types the POOL offers for it (search results only), for example mp3, m4a, wav.</summary>
    public string[] Formats { get; internal set; } = Array.Empty<string>();

    public override string ToString() => Mix.Length == 0 ? $"{Artist} - {Title}" : $"{Artist} - {Title} ({Mix})";
}
