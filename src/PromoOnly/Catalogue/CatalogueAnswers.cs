using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;
using PromoOnly.Client;

namespace PromoOnly.Catalogue;

/// <summary>
/// Checks that a 2xx document has the shape its endpoint promises and maps its entries. A shape
/// mismatch (an object where an array was promised, an array where an object was) is an
/// InvalidResponse; a <c>{"result": …}</c> message instead of data is Refused, quoting the server,
/// as that is how the API declines with status 200 (an expired token, the account's state). Entries without a usable id are skipped and counted.
/// </summary>
internal static class CatalogueAnswers
{
    /// <summary><c>[{date, releases: [...]}, ...]</c>, newest date first; an empty array ends the list.</summary>
    public static Mapped<Release> ReleasePage(JToken document, string subject)
    {
        var releases = new List<Release>();
        int skipped = 0;
        foreach (JToken group in ExpectArray(document, subject, "a list of release dates"))
        {
            if (group is not JObject dated || dated["releases"] is not JArray entries)
            {
                skipped++;
                continue;
            }

            DateTime? date = LenientJson.Date(dated, "date");
            foreach (JToken entry in entries)
            {
                Add(releases, entry is JObject o ? CatalogueMapper.ReleaseFromList(o, date) : null, ref skipped);
            }
        }

        return new Mapped<Release>(releases, skipped);
    }

    /// <summary><c>{id, release, …, tracks: [...]}</c>: the release and its tracks, in the release's order.</summary>
    public static (Release Release, Mapped<Track> Tracks) ReleaseDetail(JToken document, string subject)
    {
        JObject answer = ExpectObject(document, subject, "a release", "tracks");
        Release release = CatalogueMapper.ReleaseFromDetail(answer)
            ?? throw Invalid(subject, "the answer has no release id", null);
        return (release, Tracks((JArray)answer["tracks"]!, release));
    }

    /// <summary><c>[{track}, ...]</c>: the other versions of a title.</summary>
    public static Mapped<Track> TrackList(JToken document, string subject) =>
        Tracks(ExpectArray(document, subject, "a list of tracks"), release: null);

    /// <summary><c>{results_found, search_results: [...]}</c>.</summary>
    public static Mapped<Track> SearchResults(JToken document, string subject) =>
        Tracks((JArray)ExpectObject(document, subject, "search results", "search_results")["search_results"]!, release: null);

    /// <summary><c>{release_results: [...], title_results: [...]}</c>: the tracks are the title results, whose documented example names the track id "id".</summary>
    public static Mapped<Track> QuickSearchResults(JToken document, string subject) =>
        Map((JArray)ExpectObject(document, subject, "quick search results", "title_results")["title_results"]!, CatalogueMapper.TrackWithPlainId);

    /// <summary><c>[{release}, ...]</c>: the release search (<c>/rsearch</c>).</summary>
    public static Mapped<Release> ReleaseList(JToken document, string subject) =>
        Map(ExpectArray(document, subject, "a list of releases"), o => CatalogueMapper.ReleaseFromList(o, groupDate: null));

    /// <summary><c>[{release}, ...]</c>: a page of specialty releases; an empty page ends the list.</summary>
    public static Mapped<Release> SpecialtyPage(JToken document, string subject) =>
        Map(ExpectArray(document, subject, "a list of specialty releases"), CatalogueMapper.SpecialtyRelease);

    /// <summary><c>{track_count, tracks: [...]}</c>, where each track's id is in "id".</summary>
    public static Mapped<Track> SpecialtyYear(JToken document, string subject) =>
        Map((JArray)ExpectObject(document, subject, "specialty tracks", "tracks")["tracks"]!, CatalogueMapper.TrackWithPlainId);

    /// <summary><c>{Count, Downloads: [...]}</c>; an empty Downloads array ends the list.</summary>
    public static Mapped<DownloadHistoryEntry> HistoryPage(JToken document, string subject)
    {
        JObject answer = ExpectObject(document, subject, "a download history page", "Downloads");
        var entries = new List<DownloadHistoryEntry>();
        int skipped = 0;
        foreach (JToken entry in (JArray)answer["Downloads"]!)
        {
            Add(entries, entry is JObject o ? CatalogueMapper.HistoryEntry(o) : null, ref skipped);
        }

        return new Mapped<DownloadHistoryEntry>(entries, skipped);
    }

    public static Mapped<FileFormat> FileFormats(JToken document, string subject)
    {
        var formats = new List<FileFormat>();
        int skipped = 0;
        foreach (JToken entry in ExpectArray(document, subject, "a list of file formats"))
        {
            Add(formats, entry is JObject o ? CatalogueMapper.FileFormat(o) : null, ref skipped);
        }

        return new Mapped<FileFormat>(formats, skipped);
    }

    private static Mapped<Track> Tracks(JArray array, Release? release) => Map(array, o => CatalogueMapper.Track(o, release));

    /// <summary>Every entry through <paramref name="map"/>; what is not an object, or maps to null, is counted as skipped.</summary>
    internal static Mapped<T> Map<T>(JArray array, Func<JObject, T?> map)
        where T : class
    {
        var items = new List<T>(array.Count);
        int skipped = 0;
        foreach (JToken entry in array)
        {
            Add(items, entry is JObject o ? map(o) : null, ref skipped);
        }

        return new Mapped<T>(items, skipped);
    }

    internal static JArray ExpectArray(JToken document, string subject, string promised)
    {
        if (document is JArray array)
        {
            return array;
        }

        throw Mismatch(document, subject, promised);
    }

    /// <summary>An object holding <paramref name="listName"/> as an array; keys are matched exactly as the contract spells them.</summary>
    internal static JObject ExpectObject(JToken document, string subject, string promised, string listName)
    {
        if (document is JObject obj && obj[listName] is JArray)
        {
            return obj;
        }

        throw Mismatch(document, subject, promised);
    }

    internal static PoolApiException Mismatch(JToken document, string subject, string promised)
    {
        // A {"result": …} message instead of data is the API declining (API.md, our decisions): Refused.
        if (document is JObject message && ServerMessage.Of(message) is { } result)
        {
            return new PoolApiException(PoolErrorKind.Refused, $"{Capitalized(subject)}: the POOL API answered with a message instead of {promised}: '{result}'.", 200, result);
        }

        string? said = document is JObject obj ? Message(obj) : null;
        string got = said is not null ? $"a message: '{said}'" : $"a JSON {document.Type.ToString().ToLowerInvariant()}";
        return Invalid(subject, $"the POOL API answered with {got} instead of {promised}", said);
    }

    // The search endpoint names its text "message" rather than "result".
    private static string? Message(JObject obj) =>
        StrictJson.StringOf(obj, "message") is { } text ? ServerText.Excerpt(text) : null;

    internal static PoolApiException Invalid(string subject, string what, string? said) =>
        new(PoolErrorKind.InvalidResponse, $"{Capitalized(subject)}: {what}.", 200, said);

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static void Add<T>(List<T> list, T? item, ref int skipped)
        where T : class
    {
        if (item is null)
        {
            skipped++;
        }
        else
        {
            list.Add(item);
        }
    }
}
