using System.Globalization;

namespace PromoOnly.Emulator.Catalogue;

/// <summary>
/// The catalogue answers, spelled as contract section 6 shows them. Field types drift between
/// endpoints on purpose, as they do on the live API: ids are numbers in one answer and text in
/// another, bpm is "128" or 128, flags are 0/1, "True"/"False" or booleans.
/// </summary>
internal static class CatalogueJson
{
    public const string ImageBase = "https://images.promoonly.example/releases/";

    /// <summary>An entry of /releases/date: id number, downloaded 0/1, tracks a count.</summary>
    public static Dictionary<string, object?> ReleaseListEntry(CatalogueRelease release, AccountDownloads downloads) => new()
    {
        ["artist"] = release.Artist,
        ["downloaded"] = downloads.Has(release) ? 1 : 0,
        ["formatid"] = release.Type == "Video" ? 1 : 2,
        ["genre"] = release.Genre,
        ["id"] = release.ReleaseId,
        ["image_url"] = ImageBase + release.ReleaseId + ".jpg",
        ["label"] = release.Label,
        ["label_url"] = "https://www.promoonly.example/labels/" + release.Label.ToLowerInvariant(),
        ["modified"] = Modified(release.Date),
        ["release"] = release.Title,
        ["tracks"] = release.Tracks.Count,
        ["type"] = release.Type,
    };

    /// <summary>/release/{id}: release_ prefixed fields, the id as text, tracks in order.</summary>
    public static Dictionary<string, object?> ReleaseDetail(CatalogueRelease release, AccountDownloads downloads) => new()
    {
        ["date"] = release.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["formatid"] = release.Type == "Video" ? 1 : 2,
        ["id"] = release.ReleaseId.ToString(CultureInfo.InvariantCulture),
        ["label_img"] = ImageBase + "label-" + release.Label.ToLowerInvariant() + ".png",
        ["mod_time"] = Modified(release.Date),
        ["month"] = release.Date.Month,
        ["release"] = release.Title,
        ["release_artist"] = release.Artist,
        ["release_genre"] = release.Genre,
        ["release_img"] = ImageBase + release.ReleaseId + ".jpg",
        ["release_label"] = release.Label,
        ["year"] = release.Date.Year.ToString(CultureInfo.InvariantCulture),
        ["tracks"] = release.Tracks.Select(t => ReleaseTrack(t, downloads)).ToArray(),
    };

    /// <summary>A track inside /release/{id}: bpm and titleid as text, content_warning "True"/"False", downloaded a boolean.</summary>
    private static Dictionary<string, object?> ReleaseTrack(CatalogueTrack track, AccountDownloads downloads) => new()
    {
        ["artist"] = track.Song.Artist,
        ["bpm"] = track.Song.Bpm.ToString(CultureInfo.InvariantCulture),
        ["content_warning"] = track.IsExplicit ? "True" : "False",
        ["downloaded"] = downloads.Has(track),
        ["duration"] = track.Duration,
        ["genre"] = track.Song.Genre,
        ["label"] = track.Song.Label,
        ["media_type"] = track.IsVideo ? 1 : 2,
        ["mix"] = track.Mix,
        ["modified"] = Modified(track.Date),
        ["order"] = track.Order,
        ["title"] = track.Song.Title,
        ["titleid"] = track.Song.TitleId.ToString(CultureInfo.InvariantCulture),
        ["trackid"] = track.TrackId,
    };

    /// <summary>An entry of /track/versions: flags as 0/1, releaseid as text, the media named in "type".</summary>
    public static Dictionary<string, object?> Version(CatalogueTrack track, CatalogueRelease release, AccountDownloads downloads) => new()
    {
        ["artist"] = track.Song.Artist,
        ["bpm"] = track.Song.Bpm,
        ["content_warning"] = track.IsExplicit ? 1 : 0,
        ["downloaded"] = downloads.Has(track) ? 1 : 0,
        ["duration"] = track.Duration,
        ["genre"] = track.Song.Genre,
        ["label"] = track.Song.Label,
        ["mix"] = track.Mix,
        ["modified"] = Modified(track.Date),
        ["release"] = release.Title,
        ["release_image"] = ImageBase + release.ReleaseId + ".jpg",
        ["releaseid"] = release.ReleaseId.ToString(CultureInfo.InvariantCulture),
        ["title"] = track.Song.Title,
        ["titleid"] = track.Song.TitleId,
        ["trackid"] = track.TrackId,
        ["type"] = track.IsVideo ? "video" : "audio",
    };

    /// <summary>A search result: trackid as text, explicit as "1"/"0", the file types in "media".</summary>
    public static Dictionary<string, object?> SearchResult(CatalogueTrack track, CatalogueRelease release, AccountDownloads downloads) => new()
    {
        ["artist"] = track.Song.Artist,
        ["bpm"] = track.Song.Bpm,
        ["content_warning"] = track.IsExplicit ? "1" : "0",
        ["downloaded"] = downloads.Has(track) ? "True" : "False",
        ["duration"] = track.Duration,
        ["genre"] = track.Song.Genre,
        ["label"] = track.Song.Label,
        ["media"] = track.IsVideo ? "mp4" : "mp3,m4a,wav",
        ["mix"] = track.Mix,
        ["modified"] = Modified(track.Date),
        ["release"] = release.Title,
        ["releaseid"] = release.ReleaseId,
        ["title"] = track.Song.Title,
        ["titleid"] = track.Song.TitleId,
        ["trackid"] = track.TrackId.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A history line: the date as Unix seconds in a string, as the contract documents.</summary>
    public static Dictionary<string, object?> HistoryEntry(HistoryLine line) => new()
    {
        ["artist"] = line.Artist,
        ["date"] = line.UnixSeconds.ToString(CultureInfo.InvariantCulture),
        ["downloads"] = line.Downloads,
        ["file_format"] = line.IsVideo ? "720p mp4" : "320 kbps mp3",
        ["media_type"] = line.IsVideo ? 1 : 2,
        ["release"] = line.Release,
        ["releaseid"] = line.ReleaseId,
        ["title"] = line.Title,
        ["mix"] = line.Mix,
        ["trackid"] = line.TrackId,
    };

    // Release day, 10:00 UTC, as the API's "YYYY-MM-DD hh:mm:ss" text.
    public static string Modified(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 10:00:00";
}
