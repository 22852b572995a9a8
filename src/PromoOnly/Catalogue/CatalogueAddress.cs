using System;
using System.Globalization;
using PromoOnly.Client;

namespace PromoOnly.Catalogue;

/// <summary>The catalogue URLs of contract sections 6 and 7 (browsing), under the session's API address.</summary>
internal static class CatalogueAddress
{
    public static Uri ReleasesByDate(Uri baseUri, int page, DateTime? startDate) =>
        new(baseUri, startDate is { } start
            ? $"releases/date/{Number(page)}/{start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : $"releases/date/{Number(page)}");

    public static Uri Release(Uri baseUri, long releaseId) => new(baseUri, "release/" + Number(releaseId));

    public static Uri TrackVersions(Uri baseUri, long trackId) => new(baseUri, "track/versions/" + Number(trackId));

    /// <param name="query">Escaped by <see cref="SearchQuery"/>; each value follows its <c>field:</c>, so none can be a segment of its own.</param>
    public static Uri Search(Uri baseUri, SearchQuery query) => new(baseUri, "search/" + query.ToPath());

    /// <exception cref="ArgumentException">The text would name another path (empty, or only dots).</exception>
    public static Uri QuickSearch(Uri baseUri, string text) => new(baseUri, "qsearch/" + PathSegment.Escape(text.Trim(), "the quick search text"));

    public static Uri DownloadHistory(Uri baseUri, int page, HistoryMedia media, HistoryView view) =>
        new(baseUri, $"download/history/{Number(page)}/{Number((int)media)}/{Number((int)view)}");

    public static Uri FileFormats(Uri baseUri) => new(baseUri, "user/file_formats");

    /// <summary><c>/genres/{GENRE}/{YYYY-MM-DD}</c>: the calendar date as given, no time-zone shift.</summary>
    /// <exception cref="ArgumentException">The genre would name another path (empty, or only dots).</exception>
    public static Uri Genre(Uri baseUri, string genre, DateTime date) =>
        new(baseUri, $"genres/{GenreSegment(genre)}/{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");

    /// <summary>
    /// The documented genre form: "&amp;" becomes "_and_" and a space "_" (R&amp;B is R_and_B, Top 40 is
    /// Top_40), the rest escaped as any segment; surrounding spaces are dropped first, so "Top 40 "
    /// does not become "Top_40_".
    /// </summary>
    public static string GenreSegment(string genre) =>
        PathSegment.Escape(genre.Trim().Replace("&", "_and_"), "the genre", space: '_');

    public static Uri SpecialtyPage(Uri baseUri, int page) => new(baseUri, "specialty/" + Number(page));

    public static Uri SpecialtyYear(Uri baseUri, int year) => new(baseUri, "specialty/tracks/" + Number(year));

    public static Uri Decade(Uri baseUri, int decade, int page) => new(baseUri, $"specialty/decade/{Number(decade)}/{Number(page)}");

    /// <summary><c>/rsearch/{STRING}</c>, escaped as the quick search is (a space is +).</summary>
    /// <exception cref="ArgumentException">The text would name another path (empty, or only dots).</exception>
    public static Uri ReleaseSearch(Uri baseUri, string text) => new(baseUri, "rsearch/" + PathSegment.Escape(text.Trim(), "the release search text"));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
