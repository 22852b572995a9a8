using System;
using System.Globalization;
using PromoOnly.Client;

namespace PromoOnly.Catalogue;

/// <summary>The catalogue URLs of contract section 6, under the session's API address.</summary>
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

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
