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
            Genre = KnownGenres.Note(Text(entry, "genre", "release_genre")),
            Type = Text(entry, "type"),
            Date = Date(entry, "date") ?? groupDate,
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
            Genre = KnownGenres.Note(Text(answer, "release_genre", "genre")),
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
    /// A track from a release, versions, search or quick-search answer. <paramref name="release"/>
    /// fills in what a release's track list leaves out (its id, title and label).
    /// </summary>
    public static Track? Track(JObject entry, Release? release = null)
    {
        if (PositiveId(entry, "trackid", "track_id") is not { } id)
        {
            return null;
        }

        string label = Text(entry, "label");
        string releaseTitle = Text(entry, "release", "release_name");
        return new Track(id)
        {
            TitleId = PositiveId(entry, "titleid", "title_id"),
            Title = Text(entry, "title", "track"),
            Artist = Text(entry, "artist"),
            Mix = Text(entry, "mix"),
            Genre = KnownGenres.Note(Text(entry, "genre")),
            Bpm = Double(entry, "bpm") is { } bpm && bpm > 0 && bpm < 1000 ? bpm : null,
            Duration = Duration(entry, "duration"),
            Label = label.Length > 0 ? label : release?.Label ?? string.Empty,
            ReleaseId = PositiveId(entry, "releaseid", "release_id") ?? release?.ReleaseId,
            Release = releaseTitle.Length > 0 ? releaseTitle : release?.Title ?? string.Empty,
            MediaType = MediaTypeOf(entry),
            Explicit = Flag(entry, "content_warning", "content_warn", "explicit") ?? false,
            Downloaded = Flag(entry, "downloaded") ?? false,
            Modified = Date(entry, "modified", "mod_time"),
            Formats = Text(entry, "media").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(f => f.Trim()).Where(f => f.Length > 0).Take(16).ToArray(),
        };
    }

    public static DownloadHistoryEntry HistoryEntry(JObject entry) => new()
    {
        Date = Date(entry, "date"),
        TrackId = PositiveId(entry, "trackid", "track_id"),
        Title = Text(entry, "title"),
        Artist = Text(entry, "artist"),
        Mix = Text(entry, "mix"),
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
    /// "media" (mp4 means video).
    /// </summary>
    internal static MediaType MediaTypeOf(JObject entry)
    {
        if (Long(entry, "media_type") is { } number)
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

    private static long? PositiveId(JObject entry, params string[] names) =>
        Long(entry, names) is { } id && id > 0 ? id : null;
}
