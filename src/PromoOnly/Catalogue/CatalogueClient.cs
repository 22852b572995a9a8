using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using PromoOnly.Auth;
using PromoOnly.Client;

namespace PromoOnly.Catalogue;

/// <summary>
/// The catalogue calls (contract sections 6 and 7's browsing) on behalf of a session, through
/// <see cref="SessionCalls"/>: its answer checked and mapped. One call is one request (plus
/// retries), so paging stays in the caller's hands.
/// </summary>
internal sealed class CatalogueClient
{
    private readonly SessionCalls _calls;

    public CatalogueClient(PromoOnlySession session, PoolApiClient client, RetryPolicy retry, IPoolLog log)
        : this(new SessionCalls(session, client, retry, log))
    {
    }

    public CatalogueClient(SessionCalls calls) => _calls = calls;

    private Uri BaseUri => _calls.BaseUri;

    /// <summary>The releases in <paramref name="window"/>, newest first, page by page; a release is one release id.</summary>
    public PageFeed<Release> ReleasePages(ReleaseWindow window) =>
        new((page, cancel) => GetReleasePageAsync(page, window.Until, cancel), release => release.ReleaseId, window.Judge);

    /// <summary>The download history, newest first, page by page.</summary>
    public PageFeed<DownloadHistoryEntry> HistoryPages(HistoryMedia media, HistoryView view) =>
        new((page, cancel) => GetHistoryPageAsync(page, media, view, cancel), HistoryLine);

    /// <summary>A history line has no id of its own (the track id may be missing): it is everything it says.</summary>
    internal static object HistoryLine(DownloadHistoryEntry entry) =>
        (entry.Date, entry.TrackId, entry.ReleaseId, entry.Title, entry.Artist, entry.Release, entry.FileFormat, entry.MediaType);

    public Task<Mapped<Release>> GetReleasePageAsync(int page, DateTime? startDate, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.ReleasesByDate(BaseUri, page, startDate), $"releases page {Number(page)}", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.ReleasePage, cancel);

    public Task<(Release Release, Mapped<Track> Tracks)> GetReleaseAsync(long releaseId, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.Release(BaseUri, releaseId), $"release {Number(releaseId)}", PoolErrorKind.ReleaseNotFound, CatalogueAnswers.ReleaseDetail, cancel);

    public Task<Mapped<Track>> GetTrackVersionsAsync(long trackId, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.TrackVersions(BaseUri, trackId), $"track {Number(trackId)}", PoolErrorKind.TrackNotFound, CatalogueAnswers.TrackList, cancel);

    public Task<Mapped<Track>> SearchAsync(SearchQuery query, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.Search(BaseUri, query), $"the search '{ServerText.Excerpt(query.ToString())}'", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.SearchResults, cancel);

    public Task<Mapped<Track>> QuickSearchAsync(string text, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.QuickSearch(BaseUri, text), $"the quick search '{ServerText.Excerpt(text)}'", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.QuickSearchResults, cancel);

    public Task<Mapped<DownloadHistoryEntry>> GetHistoryPageAsync(int page, HistoryMedia media, HistoryView view, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.DownloadHistory(BaseUri, page, media, view), $"download history page {Number(page)}", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.HistoryPage, cancel);

    public Task<Mapped<FileFormat>> GetFileFormatsAsync(CancellationToken cancel) =>
        GetAsync(CatalogueAddress.FileFormats(BaseUri), "the account's file formats", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.FileFormats, cancel);

    /// <summary>Section 7: one genre's tracks on one day.</summary>
    public Task<Mapped<Track>> GetGenreTracksAsync(string genre, DateTime date, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.Genre(BaseUri, genre, date), $"genre '{ServerText.Excerpt(genre)}' on {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.TrackList, cancel);

    /// <summary>Section 7: a page of the specialty releases the account owns.</summary>
    public Task<Mapped<Release>> GetSpecialtyPageAsync(int page, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.SpecialtyPage(BaseUri, page), $"specialty releases page {Number(page)}", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.SpecialtyPage, cancel);

    /// <summary>Section 7: the specialty tracks of one year.</summary>
    public Task<Mapped<Track>> GetSpecialtyYearAsync(int year, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.SpecialtyYear(BaseUri, year), $"specialty tracks of {Number(year)}", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.SpecialtyYear, cancel);

    /// <summary>Section 7: a page of the specialty tracks of one decade.</summary>
    public Task<Mapped<Track>> GetDecadePageAsync(int decade, int page, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.Decade(BaseUri, decade, page), $"specialty tracks of the {Number(decade)}s, page {Number(page)}", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.TrackList, cancel);

    /// <summary>Throws the ArgumentException <see cref="SearchReleasesAsync"/> would, before anything is sent.</summary>
    public void CheckReleaseSearch(string text) => _ = CatalogueAddress.ReleaseSearch(BaseUri, text);

    /// <summary>Section 7: the release search.</summary>
    public Task<Mapped<Release>> SearchReleasesAsync(string text, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.ReleaseSearch(BaseUri, text), $"the release search '{ServerText.Excerpt(text)}'", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.ReleaseList, cancel);

    private Task<T> GetAsync<T>(Uri uri, string subject, PoolErrorKind notFound, Func<JToken, string, T> read, CancellationToken cancel) =>
        _calls.GetAsync(uri, subject, notFound, read, cancel);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
