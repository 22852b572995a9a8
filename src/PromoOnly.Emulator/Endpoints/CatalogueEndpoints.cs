using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Contracts;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Faults;

namespace PromoOnly.Emulator.Endpoints;

/// <summary>
/// Contract section 6: releases by date, a release, versions, search, quick search, download
/// history and file formats. All need the Bearer header, checked first and refused as
/// /download/server refuses it (401, or 200 with a message under --bad-token-as-result).
/// </summary>
internal static class CatalogueEndpoints
{
    private const int DatesPerPage = 15;
    private const int MaxDatesPerPage = 50;
    private const int MaxSearchResults = 100;

    public static void MapCatalogueEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/releases/date/{page}/{start?}/{count?}", ReleasesByDate);
        app.MapGet("/release/{releaseId}", Release);
        app.MapGet("/track/versions/{trackId}", Versions);
        app.MapGet("/search/{**query}", Search);
        app.MapGet("/qsearch/{**text}", QuickSearch);
        app.MapGet("/download/history/{page}/{media}/{view}", History);
        app.MapGet("/user/file_formats", Formats);
    }

    private static IResult ReleasesByDate(string page, string? start, string? count, HttpContext context, TokenStore tokens, AuthQuirks quirks, ReleaseCatalogue catalogue, DownloadMarks marks, CallCounters counters, RepeatedPages repeated)
    {
        counters.Count(PoolCall.ReleasePages);
        if (BearerEndpoint.Authenticate(context, tokens) is not { UserId: var user })
        {
            return quirks.BadToken();
        }

        AccountDownloads downloads = marks.For(user);

        DateOnly newest = catalogue.Today;
        if (!TryPositive(page, out int pageNumber)
            || (start is not null && !DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out newest))
            || (count is not null && !TryPositive(count, out _)))
        {
            return Results.Json(new ResultMessage("Invalid page, date or count."), statusCode: 400);
        }

        int perPage = count is null ? DatesPerPage : Math.Min(int.Parse(count, CultureInfo.InvariantCulture), MaxDatesPerPage);
        var groups = catalogue.Releases
            .Where(r => r.Date <= newest)
            .GroupBy(r => r.Date)
            .Skip((repeated.Serve(pageNumber) - 1) * perPage)
            .Take(perPage)
            .Select(g => new
            {
                date = g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                releases = g.Select(r => CatalogueJson.ReleaseListEntry(r, downloads)).ToArray(),
            });
        return Results.Json(groups.ToArray());
    }

    private static IResult Release(string releaseId, HttpContext context, TokenStore tokens, AuthQuirks quirks, ReleaseCatalogue catalogue, DownloadMarks marks, CallCounters counters)
    {
        counters.Count(PoolCall.Release);
        if (BearerEndpoint.Authenticate(context, tokens) is not { UserId: var user })
        {
            return quirks.BadToken();
        }

        return TrackCatalogue.TryParseId(releaseId, out int id) && catalogue.FindRelease(id) is { } release
            ? Results.Json(CatalogueJson.ReleaseDetail(release, marks.For(user)))
            : Results.Json(new ResultMessage($"Release {releaseId} not found."), statusCode: 404);
    }

    // The fault tracks answer here as they do for /download/server, so catalogue clients meet the same shapes.
    private static IResult Versions(string trackId, HttpContext context, TokenStore tokens, AuthQuirks quirks, ReleaseCatalogue catalogue, DownloadMarks marks, CallCounters counters, FaultTable faults, TrackRequestCounts requestCounts) =>
        BearerEndpoint.AnswerForId(context, tokens, quirks, faults, requestCounts, counters, PoolCall.Versions, trackId, account =>
        {
            if (!TrackCatalogue.TryParseId(trackId, out int id) || catalogue.FindTrack(id) is not { } track)
            {
                return Results.Json(new ResultMessage($"Track {trackId} not found."), statusCode: 404);
            }

            AccountDownloads downloads = marks.For(account.UserId);
            return Results.Json(catalogue.VersionsOf(track).Select(v => CatalogueJson.Version(v, catalogue.ReleaseOf(v), downloads)).ToArray());
        });

    private static IResult Search(HttpContext context, TokenStore tokens, AuthQuirks quirks, ReleaseCatalogue catalogue, DownloadMarks marks, CallCounters counters, SearchLog searches)
    {
        counters.Count(PoolCall.Search);
        if (BearerEndpoint.Authenticate(context, tokens) is not { UserId: var user })
        {
            return quirks.BadToken();
        }

        AccountDownloads downloads = marks.For(user);

        SearchTerms terms = SearchTerms.Parse(RawSegment(context, "/search/"));
        searches.Add(terms.Values);
        // results_found counts every match; the answer holds at most MaxSearchResults of them.
        var matches = catalogue.Tracks.Where(terms.Matches).ToArray();
        var found = matches.Take(MaxSearchResults).ToArray();
        return Results.Json(new Dictionary<string, object?>
        {
            ["message"] = $"Found {matches.Length} result(s).",
            ["results_found"] = matches.Length,
            ["search_method"] = "ts",
            ["search_results"] = found.Select(t => CatalogueJson.SearchResult(t, catalogue.ReleaseOf(t), downloads)).ToArray(),
        });
    }

    private static IResult QuickSearch(HttpContext context, TokenStore tokens, AuthQuirks quirks, ReleaseCatalogue catalogue, DownloadMarks marks, CallCounters counters, SearchLog searches)
    {
        counters.Count(PoolCall.QuickSearch);
        if (BearerEndpoint.Authenticate(context, tokens) is not { UserId: var user })
        {
            return quirks.BadToken();
        }

        AccountDownloads downloads = marks.For(user);

        string text = string.Join(' ', RawSegment(context, "/qsearch/").Split('+').Select(Uri.UnescapeDataString)).Trim();
        searches.Add(new Dictionary<string, string> { ["qsearch"] = text });
        var titles = catalogue.Tracks
            .Where(t => $"{t.Song.Artist} {t.Song.Title}".Contains(text, StringComparison.OrdinalIgnoreCase))
            .Take(MaxSearchResults);
        var releases = catalogue.Releases
            .Where(r => r.Title.Contains(text, StringComparison.OrdinalIgnoreCase))
            .Take(MaxSearchResults);
        return Results.Json(new
        {
            release_results = releases.Select(r => CatalogueJson.ReleaseListEntry(r, downloads)).ToArray(),
            title_results = titles.Select(t => CatalogueJson.SearchResult(t, catalogue.ReleaseOf(t), downloads)).ToArray(),
        });
    }

    private static IResult History(string page, string media, string view, HttpContext context, TokenStore tokens, AuthQuirks quirks, ReleaseCatalogue catalogue, DownloadMarks marks, CallCounters counters, RepeatedPages repeated)
    {
        counters.Count(PoolCall.HistoryPages);
        if (BearerEndpoint.Authenticate(context, tokens) is not { UserId: var user })
        {
            return quirks.BadToken();
        }

        if (!TryPositive(page, out int pageNumber) || media is not ("0" or "1" or "2") || view is not ("1" or "2"))
        {
            return Results.Json(new ResultMessage("Invalid page, media type or view mode."), statusCode: 400);
        }

        var lines = DownloadHistory.For(catalogue, marks.For(user), media[0] - '0', view[0] - '0');
        return Results.Json(new Dictionary<string, object?>
        {
            ["Count"] = lines.Count,
            ["Downloads"] = lines.Skip((repeated.Serve(pageNumber) - 1) * DownloadHistory.PageSize).Take(DownloadHistory.PageSize).Select(CatalogueJson.HistoryEntry).ToArray(),
        });
    }

    private static IResult Formats(HttpContext context, TokenStore tokens, AuthQuirks quirks, CallCounters counters)
    {
        counters.Count(PoolCall.FileFormats);
        return BearerEndpoint.Authenticate(context, tokens) is { } account ? Results.Json(FileFormats.For(account.UserId)) : quirks.BadToken();
    }

    internal static bool TryPositive(string text, out int value) =>
        TrackCatalogue.TryParseId(text, out value) && value > 0 && value <= 100_000;

    /// <summary>
    /// The still-encoded path after <paramref name="prefix"/>: routing would already have decoded
    /// %2B into "+", which is exactly the difference a search query depends on.
    /// </summary>
    internal static string RawSegment(HttpContext context, string prefix)
    {
        string raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? string.Empty;
        int query = raw.IndexOf('?', StringComparison.Ordinal);
        string path = query < 0 ? raw : raw[..query];
        int at = path.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? string.Empty : path[(at + prefix.Length)..];
    }
}
