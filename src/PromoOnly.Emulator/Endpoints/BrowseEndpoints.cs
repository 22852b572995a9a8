using System.Globalization;
using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Contracts;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Faults;

namespace PromoOnly.Emulator.Endpoints;

/// <summary>
/// Contract section 7, browsing: a genre's tracks of a day, specialty releases and tracks, and the
/// release search, each started by <see cref="BearerEndpoint"/>. What the API declines (an unknown
/// genre, a bad date or year, a search too short) is HTTP 200 with a <c>result</c> message, as the
/// live API declines.
/// </summary>
internal static class BrowseEndpoints
{
    public const int SpecialtyPageSize = 10;
    public const int DecadePageSize = 10;
    private const int MaxSearchResults = 100;

    public static void MapBrowseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/genres/{genre}/{date}", Genre);
        app.MapGet("/specialty/{page}", SpecialtyPage);
        app.MapGet("/specialty/tracks/{year}", SpecialtyYear);
        app.MapGet("/specialty/decade/{decade}/{page}", Decade);
        app.MapGet("/rsearch/{**text}", ReleaseSearch);
    }

    /// <summary>
    /// The genre arrives as the documentation spells it: "_and_" for "&amp;", "_" for a space, the rest
    /// percent-encoded; it is read from the raw path, so an encoded "/" stays part of the name.
    /// </summary>
    private static IResult Genre(string date, HttpContext context, TokenStore tokens, AuthQuirks quirks, ReleaseCatalogue catalogue, DownloadMarks marks, CallCounters counters, EndpointFaults faults, SearchLog searches) =>
        BearerEndpoint.Answer(context, tokens, quirks, faults, counters, PoolCall.Genres, user =>
        {
            string raw = CatalogueEndpoints.RawSegment(context, "/genres/").Split('/')[0];
            string genre = Uri.UnescapeDataString(raw.Replace("_and_", "&", StringComparison.Ordinal).Replace('_', ' '));
            searches.Add(new Dictionary<string, string> { ["genre"] = genre });
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
            {
                return Results.Json(new ResultMessage($"Invalid date '{date}'."));
            }

            if (!catalogue.Songs.Any(s => s.Genre.Equals(genre, StringComparison.OrdinalIgnoreCase)))
            {
                return Results.Json(new ResultMessage($"Unknown genre '{genre}'."));
            }

            AccountDownloads downloads = marks.For(user);
            return Results.Json(catalogue.Releases
                .Where(r => r.Date == day)
                .SelectMany(r => r.Tracks.Where(t => t.Song.Genre.Equals(genre, StringComparison.OrdinalIgnoreCase)).Select(t => BrowseJson.ListedTrack(t, r, downloads)))
                .ToArray());
        });

    private static IResult SpecialtyPage(string page, HttpContext context, TokenStore tokens, AuthQuirks quirks, ReleaseCatalogue catalogue, DownloadMarks marks, CallCounters counters, EndpointFaults faults) =>
        BearerEndpoint.Answer(context, tokens, quirks, faults, counters, PoolCall.SpecialtyPages, user =>
        {
            if (!CatalogueEndpoints.TryPositive(page, out int number))
            {
                return Results.Json(new ResultMessage($"Invalid page '{page}'."));
            }

            AccountDownloads downloads = marks.For(user);
            return Results.Json(catalogue.SpecialtiesOf(user)
                .Skip((number - 1) * SpecialtyPageSize)
                .Take(SpecialtyPageSize)
                .Select(r => BrowseJson.SpecialtyRelease(r, downloads))
                .ToArray());
        });

    private static IResult SpecialtyYear(string year, HttpContext context, TokenStore tokens, AuthQuirks quirks, ReleaseCatalogue catalogue, DownloadMarks marks, CallCounters counters, EndpointFaults faults) =>
        BearerEndpoint.Answer(context, tokens, quirks, faults, counters, PoolCall.SpecialtyYears, user =>
        {
            if (!TryYear(year, out int number))
            {
                return Results.Json(new ResultMessage($"Invalid year '{year}'."));
            }

            AccountDownloads downloads = marks.For(user);
            var tracks = catalogue.SpecialtyTracksOf(user)
                .Where(t => t.OriginalYear == number)
                .Select(t => BrowseJson.SpecialtyTrack(t, catalogue.ReleaseOf(t), downloads))
                .ToArray();
            return Results.Json(new Dictionary<string, object?> { ["track_count"] = tracks.Length, ["tracks"] = tracks });
        });

    private static IResult Decade(string decade, string page, HttpContext context, TokenStore tokens, AuthQuirks quirks, ReleaseCatalogue catalogue, DownloadMarks marks, CallCounters counters, EndpointFaults faults) =>
        BearerEndpoint.Answer(context, tokens, quirks, faults, counters, PoolCall.DecadePages, user =>
        {
            if (!TryYear(decade, out int first) || first % 10 != 0)
            {
                return Results.Json(new ResultMessage($"Invalid decade '{decade}'."));
            }

            if (!CatalogueEndpoints.TryPositive(page, out int number))
            {
                return Results.Json(new ResultMessage($"Invalid page '{page}'."));
            }

            AccountDownloads downloads = marks.For(user);
            return Results.Json(catalogue.SpecialtyTracksOf(user)
                .Where(t => t.OriginalYear >= first && t.OriginalYear < first + 10)
                .Skip((number - 1) * DecadePageSize)
                .Take(DecadePageSize)
                .Select(t => BrowseJson.ListedTrack(t, catalogue.ReleaseOf(t), downloads))
                .ToArray());
        });

    /// <summary>Releases (dated and the account's specialty ones) whose title or artist contains the text; at least 2 characters.</summary>
    private static IResult ReleaseSearch(HttpContext context, TokenStore tokens, AuthQuirks quirks, ReleaseCatalogue catalogue, DownloadMarks marks, CallCounters counters, EndpointFaults faults, SearchLog searches) =>
        BearerEndpoint.Answer(context, tokens, quirks, faults, counters, PoolCall.ReleaseSearch, user =>
        {
            string text = string.Join(' ', CatalogueEndpoints.RawSegment(context, "/rsearch/").Split('+').Select(Uri.UnescapeDataString)).Trim();
            searches.Add(new Dictionary<string, string> { ["rsearch"] = text });
            if (text.Length < 2)
            {
                return Results.Json(new ResultMessage("Search string must be at least 2 characters."));
            }

            AccountDownloads downloads = marks.For(user);
            return Results.Json(catalogue.Releases.Concat(catalogue.SpecialtiesOf(user))
                .Where(r => r.Title.Contains(text, StringComparison.OrdinalIgnoreCase) || r.Artist.Contains(text, StringComparison.OrdinalIgnoreCase))
                .Take(MaxSearchResults)
                .Select(r => BrowseJson.FoundRelease(r, downloads))
                .ToArray());
        });

    private static bool TryYear(string text, out int year) =>
        TrackCatalogue.TryParseId(text, out year) && year is >= 1000 and <= 9999;
}
