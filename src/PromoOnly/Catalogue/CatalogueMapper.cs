using System;
using System.Linq;
using Newtonsoft.Json.Linq;
using static PromoOnly.Catalogue.LenientJson;

namespace PromoOnly.Catalogue;

/// <summary>
/// One lenient mapping per object kind. The same kind arrives from several endpoints under
/// slightly different names (release vs release_name, content_warning vs explicit), so each reader
/// lists every spelling the contract shows. An entry without a usable id maps to null: an object
/// the user cannot act on is never emitted half-filled.
/// </summary>
internal static class CatalogueMapper
{
    /// <summary>A release from <c>/releases/date</c>: the date comes from the group it is listed under.</summary>
    public static Release? ReleaseFromList(JObject entry, DateTime? groupDate)
    {
        if (PositiveId(entry, "id", "releaseid") is not { } id)
        {
            return null;
        }

        JToken? tracks = entry["tracks"];
        return new Release(id)
        {
            Title = Text(entry, "release", "title", "release_name"),
            Artist = Text(entry, "artist", "release_artist"),
            Label = Text(entry, "label", "release_label"),
            Genre = Text(entry, "genre", "release_genre"),
            Type = Text(entry, "type"),
            Date = Date(entry, "date", "release_date") ?? groupDate,
            // The list gives a count; a release answer gives the tracks themselves.
            TrackCount = tracks is JArray array ? array.Count : Int(entry, "tracks", "track_count"),
            Downloaded = Flag(entry, "downloaded") ?? false,
            ImageUri = HttpUri(entry, "image_url", "release_img", "release_image"),
            Modified = Date(entry, "modified", "mod_time"),
        };
    }

    /// <summary>A release from <c>/release/{id}</c>, whose fields carry a release_ prefix.</summary>
    public static Release? ReleaseFromDetail(JObject answer)
    {
        if (PositiveId(answer, "id", "releaseid") is not { } id)
        {
            return null;
        }

        var tracks = answer["tracks"] as JArray;
        var release = new Release(id)
        {
            Title = Text(answer, "release", "release_name", "title"),
            Artist = Text(answer, "release_artist", "artist"),
            Label = Text(answer, "release_label", "label"),
            Genre = Text(answer, "release_genre", "genre"),
            Type = Text(answer, "type"),
            Date = Date(answer, "date"),
            TrackCount = tracks?.Count ?? Int(answer, "track_count"),
            ImageUri = HttpUri(answer, "release_img", "image_url", "release_image"),
            Modified = Date(answer, "mod_time", "modified"),
        };

        // The answer has no release-level flag; a release counts as downloaded when all its tracks are.
        release.Downloaded = Flag(answer, "downloaded")
            ?? (tracks is { Count: > 0 } && tracks.OfType<JObject>().All(t => Flag(t, "downloaded") == true));
        return release;
    }

    /// <summary>
    /// A specialty release (<c>/specialty/{page}</c>): "downloaded" is how many of its tracks the
    /// account has (50 of "tracks" 50), not a flag, so the release counts as downloaded only when
    /// that reaches the track count.
    /// </summary>
    public static Release? SpecialtyRelease(JObject entry)
    {
        if (ReleaseFromList(entry, groupDate: null) is not { } release)
        {
            return null;
        }

        if (Find(entry, "downloaded") is { Type: JTokenType.Integer or JTokenType.Float or JTokenType.String } downloaded
            && ToLong(downloaded) is { } count && release.TrackCount is { } total)
        {
            release.Downloaded = total > 0 && count >= total;
        }

        release.Type = release.Type.Length > 0 ? release.Type : "Specialty";
        return release;
    }

    /// <summary>
    /// A track from a release, versions, search, genre or decade answer. <paramref name="release"/>
    /// fills in what a release's track list leaves out (its id, title and label).
    /// </summary>
    public static Track? Track(JObject entry, Release? release = null) =>
        PositiveId(entry, "trackid", "track_id") is { } id ? Track(id, entry, release) : null;

    /// <summary>
    /// A track from an answer that names the track id "id": the quick search's title results and
    /// the specialty tracks of a year (whose documented example has no trackid at all).
    /// </summary>
    public static Track? TrackWithPlainId(JObject entry) =>
        PositiveId(entry, "trackid", "track_id", "id") is { } id ? Track(id, entry, release: null) : null;

    private static Track Track(long id, JObject entry, Release? release)
    {
        string label = Text(entry, "label");
        string releaseTitle = Text(entry, "release", "release_name");
        return new Track(id)
        {
            TitleId = PositiveId(entry, "titleid", "title_id"),
            Title = Text(entry, "title", "track"),
            Artist = Text(entry, "artist"),
            Mix = Text(entry, "mix"),
            Genre = Text(entry, "genre"),
            Bpm = Double(entry, "bpm") is { } bpm && bpm > 0 && bpm < 1000 ? bpm : null,
            Duration = Duration(entry, "duration"),
            Label = label.Length > 0 ? label : release?.Label ?? string.Empty,
            ReleaseId = PositiveId(entry, "releaseid", "release_id") ?? release?.ReleaseId,
            Release = releaseTitle.Length > 0 ? releaseTitle : release?.Title ?? string.Empty,
            MediaType = MediaTypeOf(entry),
            Explicit = Flag(entry, "content_warning", "content_warn", "explicit") ?? false,
            Downloaded = Flag(entry, "downloaded") ?? false,
            Modified = Date(entry, "modified", "mod_time"),
            Formats = FormatsOf(entry),
        };
    }

    /// <summary>Search answers list file types in "media" ("mp3,m4a,wav"); the specialty answer puts a media type number there instead.</summary>
    private static string[] FormatsOf(JObject entry) =>
        Find(entry, "media") is { Type: JTokenType.String } media && NumberIn(entry, "media") is null
            ? Text(entry, "media").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(f => f.Trim()).Where(f => f.Length > 0).Take(16).ToArray()
            : Array.Empty<string>();

    public static DownloadHistoryEntry HistoryEntry(JObject entry) => new()
    {
        Date = Date(entry, "date"),
        TrackId = PositiveId(entry, "trackid", "track_id"),
        Title = Text(entry, "title"),
        Artist = Text(entry, "artist"),
        ReleaseId = PositiveId(entry, "releaseid", "release_id"),
        Release = Text(entry, "release", "release_name"),
        Downloads = Int(entry, "downloads"),
        FileFormat = Text(entry, "file_format", "file_type"),
        MediaType = MediaTypeOf(entry),
    };

    public static FileFormat FileFormat(JObject entry) => new()
    {
        Index = Int(entry, "index"),
        MediaType = Int(entry, "format") switch
        {
            1 => MediaType.Video,
            2 => MediaType.Audio,
            _ => MediaType.Unknown,
        },
        Extension = Text(entry, "extension"),
        Type = Text(entry, "type"),
    };

    /// <summary>
    /// media_type 1/2 (or "video"/"audio"); versions name it in "type", search lists file types in
    /// "media" (mp4 means video), and some answers put the number 1/2 in "media" or "type".
    /// </summary>
    internal static MediaType MediaTypeOf(JObject entry)
    {
        // media_type, or the same 1/2 as a number in "media" (specialty tracks) or "type" (versions, quick search).
        if ((Long(entry, "media_type") ?? NumberIn(entry, "media") ?? NumberIn(entry, "type")) is { } number)
        {
            return number switch { 1 => MediaType.Video, 2 => MediaType.Audio, _ => MediaType.Unknown };
        }

        string named = $"{Text(entry, "media_type")} {Text(entry, "type")} {Text(entry, "media")}".ToLowerInvariant();
        if (named.Contains("video") || named.Contains("mp4") || named.Contains("mov"))
        {
            return MediaType.Video;
        }

        return named.Contains("audio") || named.Contains("mp3") || named.Contains("m4a") || named.Contains("wav") || named.Contains("aif")
            ? MediaType.Audio
            : MediaType.Unknown;
    }

    /// <summary>A field that holds a whole number (or digits as text), as opposed to a name or a list.</summary>
    private static long? NumberIn(JObject entry, string name) =>
        Find(entry, name) is { } value && (value.Type != JTokenType.String || ((string?)value ?? string.Empty).Trim().All(char.IsDigit))
            ? ToLong(value)
            : null;

    private static long? PositiveId(JObject entry, params string[] names) =>
        Long(entry, names) is { } id && id > 0 ? id : null;
}
