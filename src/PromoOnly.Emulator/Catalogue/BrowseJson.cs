using System.Globalization;

namespace PromoOnly.Emulator.Catalogue;

/// <summary>
/// The answers of contract section 7's browsing endpoints, spelled as the documentation's examples
/// show them: numbers where those show numbers (bpm, duration in seconds, modified in Unix
/// seconds), content_warning a boolean, and each endpoint's own quirks (a specialty release's
/// "downloaded" is a count; a specialty track's id is in "id" and its media type in "media").
/// </summary>
internal static class BrowseJson
{
    /// <summary>A track of /genres/{genre}/{date} and /specialty/decade/{year}/{page}.</summary>
    public static Dictionary<string, object?> ListedTrack(CatalogueTrack track, CatalogueRelease release, AccountDownloads downloads) => new()
    {
        ["artist"] = track.Song.Artist,
        ["bpm"] = track.Song.Bpm,
        ["content_warning"] = track.IsExplicit,
        ["downloaded"] = downloads.Has(track) ? 1 : 0,
        ["duration"] = track.DurationSeconds,
        ["end"] = track.TrackId % 2 == 0 ? "Cold" : "Fade",
        ["explicit"] = track.IsExplicit ? 1 : 0,
        ["formatid"] = track.IsVideo ? 1 : 2,
        ["genre"] = track.Song.Genre,
        ["label"] = track.Song.Label,
        ["media_type"] = track.IsVideo ? 1 : 2,
        ["mix"] = track.Mix,
        ["modified"] = UnixSeconds(track.Date),
        ["release_artist"] = release.Artist,
        ["release_image"] = CatalogueJson.ImageBase + release.ReleaseId + ".jpg",
        ["release_ts"] = UnixSeconds(release.Date),
        ["releaseid"] = release.ReleaseId,
        ["title"] = track.Song.Title,
        ["titleid"] = track.Song.TitleId,
        ["trackid"] = track.TrackId,
    };

    /// <summary>An entry of /specialty/{page}: "downloaded" counts the tracks the account has.</summary>
    public static Dictionary<string, object?> SpecialtyRelease(CatalogueRelease release, AccountDownloads downloads) => new()
    {
        ["downloaded"] = release.Tracks.Count(downloads.Has),
        ["id"] = release.ReleaseId,
        ["modified"] = UnixSeconds(release.Date),
        ["release"] = release.Title,
        ["release_date"] = release.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["release_image"] = CatalogueJson.ImageBase + release.ReleaseId + ".jpg",
        ["tracks"] = release.Tracks.Count,
    };

    /// <summary>A track of /specialty/tracks/{year}: the track id in "id", no "trackid", the media type in "media".</summary>
    public static Dictionary<string, object?> SpecialtyTrack(CatalogueTrack track, CatalogueRelease release, AccountDownloads downloads) => new()
    {
        ["artist"] = track.Song.Artist,
        ["bpm"] = track.Song.Bpm,
        ["content_warning"] = track.IsExplicit,
        ["downloaded"] = downloads.Has(track) ? 1 : 0,
        ["duration"] = track.DurationSeconds,
        ["end"] = "Cold",
        ["explicit"] = track.IsExplicit ? 1 : 0,
        ["genre"] = track.Song.Genre,
        ["id"] = track.TrackId,
        ["label"] = track.Song.Label,
        ["media"] = track.IsVideo ? 1 : 2,
        ["mix"] = track.Mix,
        ["modified"] = UnixSeconds(track.Date),
        ["release"] = release.Title,
        ["release_date"] = release.Date.ToDateTime(TimeOnly.MinValue).ToString("r", CultureInfo.InvariantCulture),
        ["release_image"] = CatalogueJson.ImageBase + release.ReleaseId + ".jpg",
        ["releaseid"] = release.ReleaseId,
        ["title"] = track.Song.Title,
        ["titleid"] = track.Song.TitleId,
        ["track_order"] = null,
    };

    /// <summary>An entry of /rsearch/{text}.</summary>
    public static Dictionary<string, object?> FoundRelease(CatalogueRelease release, AccountDownloads downloads) => new()
    {
        ["artist"] = release.Artist,
        ["downloaded"] = downloads.Has(release) ? 1 : 0,
        ["genre"] = release.Genre,
        ["id"] = release.ReleaseId,
        ["label"] = release.Label,
        ["media_type"] = release.Tracks.All(t => t.IsVideo) ? 1 : 2,
        ["modified"] = UnixSeconds(release.Date),
        ["release"] = release.Title,
        ["release_date"] = release.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["release_image"] = CatalogueJson.ImageBase + release.ReleaseId + ".jpg",
        ["tracks"] = release.Tracks.Count,
    };

    /// <summary>An entry of /user/charts (and "chart_filters" in /user/options).</summary>
    public static Dictionary<string, object?> Chart(CatalogueRelease chart, bool shown) => new()
    {
        ["chart"] = chart.Title,
        ["chartid"] = chart.ReleaseId,
        ["format"] = "POOL Audio Charts",
        ["show"] = shown ? 1 : 0,
    };

    // Release day, 10:00 UTC, as CatalogueJson.Modified writes it in text.
    public static long UnixSeconds(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero).ToUnixTimeSeconds();
}
