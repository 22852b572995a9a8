using System.Globalization;
using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Contracts;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Faults;

namespace PromoOnly.Emulator.Endpoints;

/// <summary>
/// Contract section 7, queue, history and account: removing a queued track, asking for a re-download,
/// the distribution sync, the user id of an e-mail address, and the reported DJ sessions. Fault tracks
/// answer with their shapes where a track or session id is in the path, as /track/versions does.
/// </summary>
internal static class AccountEndpoints
{
    public const int MaxRedownloadIds = 1000;

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/download/remove/{trackId}", Remove);
        app.MapPost("/download/redownload_request", RedownloadAsync);
        app.MapGet("/user/sync", Sync);
        app.MapPost("/account/pool_userid", PoolUserIdAsync);
        app.MapGet("/tracktrends/sessions/{page}", SessionPage);
        app.MapGet("/tracktrends/session/{sessionId}", Session);
    }

    /// <summary>
    /// Takes the track off the queue; "success" whether or not it was queued, so a removal can be
    /// repeated. An id the catalogue rules do not know (404 for /download/server) is declined.
    /// </summary>
    private static IResult Remove(string trackId, HttpContext context, TokenStore tokens, AuthQuirks quirks, CallCounters counters, FaultTable faultTracks, TrackRequestCounts requestCounts, AccountState state) =>
        BearerEndpoint.AnswerForId(context, tokens, quirks, faultTracks, requestCounts, counters, PoolCall.QueueRemovals, trackId, account =>
        {
            if (TrackCatalogue.Lookup(account, trackId).StatusCode == 404 || !TrackCatalogue.TryParseId(trackId, out int id))
            {
                return Results.Json(new ResultMessage($"Track {trackId} not found."));
            }

            state.Dequeue(account.UserId, id);
            return Results.Json(new ResultMessage("success"));
        });

    /// <summary>
    /// trackid_list (comma list) and reason: queues again the listed tracks the account downloaded
    /// before (seeded or signalled); declines when there is no reason, no readable list, or none of
    /// the tracks was downloaded.
    /// </summary>
    private static Task<IResult> RedownloadAsync(HttpContext context, TokenStore tokens, AuthQuirks quirks, CallCounters counters, EndpointFaults faults, ReleaseCatalogue catalogue, DownloadMarks marks, AccountState state) =>
        BearerEndpoint.AnswerAsync(context, tokens, quirks, faults, counters, PoolCall.Redownloads, (user, form) =>
        {
            if (form["reason"].ToString().Trim().Length == 0)
            {
                return Results.Json(new ResultMessage("A reason is required."));
            }

            var ids = new List<int>();
            foreach (string part in form["trackid_list"].ToString().Split(',', StringSplitOptions.TrimEntries))
            {
                if (!TrackCatalogue.TryParseId(part, out int id) || ids.Count >= MaxRedownloadIds)
                {
                    return Results.Json(new ResultMessage("Invalid track list."));
                }

                ids.Add(id);
            }

            AccountDownloads downloads = marks.For(user);
            int[] requeued = ids.Distinct()
                .Where(id => downloads.Signalled.ContainsKey(id) || (catalogue.FindTrack(id) is { } track && downloads.Has(track)))
                .ToArray();
            if (requeued.Length == 0)
            {
                return Results.Json(new ResultMessage("None of these tracks has been downloaded by this account."));
            }

            foreach (int id in requeued)
            {
                state.Enqueue(user, id);
            }

            return Results.Json(new Dictionary<string, object?> { ["result"] = "success", ["tracks_requeued"] = requeued.Length });
        });

    private static IResult Sync(HttpContext context, TokenStore tokens, AuthQuirks quirks, CallCounters counters, EndpointFaults faults) =>
        BearerEndpoint.Answer(context, tokens, quirks, faults, counters, PoolCall.Sync, user => Results.Json(new Dictionary<string, object?>
        {
            ["userid"] = user,
            ["distribution"] = $"Releases synced for userid: {user.ToString(CultureInfo.InvariantCulture)}",
        }));

    /// <summary>No Authorization (so --endpoint-fault applies to every request): form email, matched case-insensitively like sign-in.</summary>
    private static async Task<IResult> PoolUserIdAsync(HttpContext context, CallCounters counters, EndpointFaults faults)
    {
        counters.Count(PoolCall.PoolUserId);
        if (faults.Answer(context) is { } fault)
        {
            return fault;
        }

        var form = await FormFields.ReadAsync(context.Request);
        return Accounts.FindByEmail(form["email"].ToString().Trim()) is { } account
            ? Results.Json(new Dictionary<string, object?> { ["pool_userid"] = account.UserId })
            : Results.Json(new Dictionary<string, object?> { ["pool_userid"] = "Invalid email address. POOL Account not found." });
    }

    private static IResult SessionPage(string page, HttpContext context, TokenStore tokens, AuthQuirks quirks, CallCounters counters, EndpointFaults faults, DjSessions sessions) =>
        BearerEndpoint.Answer(context, tokens, quirks, faults, counters, PoolCall.SessionPages, user =>
            CatalogueEndpoints.TryPositive(page, out int number)
                ? Results.Json(sessions.For(user).Skip((number - 1) * DjSessions.PageSize).Take(DjSessions.PageSize).Select(DjSessions.SessionJson).ToArray())
                : Results.Json(new ResultMessage($"Invalid page '{page}'.")));

    private static IResult Session(string sessionId, HttpContext context, TokenStore tokens, AuthQuirks quirks, CallCounters counters, FaultTable faultTracks, TrackRequestCounts requestCounts, DjSessions sessions) =>
        BearerEndpoint.AnswerForId(context, tokens, quirks, faultTracks, requestCounts, counters, PoolCall.Sessions, sessionId, account =>
            TrackCatalogue.TryParseId(sessionId, out int id) && sessions.Find(account.UserId, id) is { } session
                ? Results.Json(session.Plays.Select(DjSessions.PlayJson).ToArray())
                : Results.Json(new ResultMessage($"Session {sessionId} not found.")));
}
