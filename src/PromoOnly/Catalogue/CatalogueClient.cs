using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using PromoOnly.Auth;
using PromoOnly.Client;

namespace PromoOnly.Catalogue;

/// <summary>
/// The catalogue calls on behalf of a session: each one with a current Bearer token (renewed once
/// after a 401 when the session can), retried under the command's policy, its answer checked and
/// mapped. One call is one request (plus retries), so paging stays in the caller's hands.
/// </summary>
internal sealed class CatalogueClient
{
    private readonly PromoOnlySession _session;
    private readonly PoolApiClient _client;
    private readonly RetryPolicy _retry;
    private readonly BackoffGate _gate;
    private readonly IPoolLog _log;

    public CatalogueClient(PromoOnlySession session, PoolApiClient client, RetryPolicy retry, IPoolLog log)
    {
        _session = session;
        _client = client;
        _retry = retry;
        _gate = new BackoffGate(MonotonicClock.System);
        _log = log;
    }

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
        GetAsync(CatalogueAddress.ReleasesByDate(_client.BaseUri, page, startDate), $"releases page {Number(page)}", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.ReleasePage, cancel);

    public Task<(Release Release, Mapped<Track> Tracks)> GetReleaseAsync(long releaseId, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.Release(_client.BaseUri, releaseId), $"release {Number(releaseId)}", PoolErrorKind.ReleaseNotFound, CatalogueAnswers.ReleaseDetail, cancel);

    public Task<Mapped<Track>> GetTrackVersionsAsync(long trackId, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.TrackVersions(_client.BaseUri, trackId), $"track {Number(trackId)}", PoolErrorKind.TrackNotFound, CatalogueAnswers.TrackList, cancel);

    public Task<Mapped<Track>> SearchAsync(SearchQuery query, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.Search(_client.BaseUri, query), $"the search '{ServerText.Excerpt(query.ToString())}'", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.SearchResults, cancel);

    public Task<Mapped<Track>> QuickSearchAsync(string text, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.QuickSearch(_client.BaseUri, text), $"the quick search '{ServerText.Excerpt(text)}'", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.QuickSearchResults, cancel);

    public Task<Mapped<DownloadHistoryEntry>> GetHistoryPageAsync(int page, HistoryMedia media, HistoryView view, CancellationToken cancel) =>
        GetAsync(CatalogueAddress.DownloadHistory(_client.BaseUri, page, media, view), $"download history page {Number(page)}", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.HistoryPage, cancel);

    public Task<Mapped<FileFormat>> GetFileFormatsAsync(CancellationToken cancel) =>
        GetAsync(CatalogueAddress.FileFormats(_client.BaseUri), "the account's file formats", PoolErrorKind.UnexpectedStatus, CatalogueAnswers.FileFormats, cancel);

    private Task<T> GetAsync<T>(Uri uri, string subject, PoolErrorKind notFound, Func<JToken, string, T> read, CancellationToken cancel) =>
        _retry.RunAsync(
            // The answer is read inside the authorized call: a message instead of data (Refused) may be an expired token.
            c => _session.WithBearerAsync(async (authorization, c2) => read(await _client.GetCatalogueAsync(uri, authorization, subject, notFound, c2).ConfigureAwait(false), subject), Capitalized(subject), c),
            _gate,
            _log,
            Capitalized(subject),
            cancel);

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
