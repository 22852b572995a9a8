using System.Globalization;
using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Contracts;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Faults;
using PromoOnly.Emulator.Media;

namespace PromoOnly.Emulator.Endpoints;

/// <summary>
/// GET /download/queue/{id} and POST /download/success. The queue follows exactly the rules of
/// GET /download/server/{id} (faults, 404, 403, no mirror yet), so every track a lookup serves can
/// be downloaded; its servers are the loopback media hosts, which really serve the file.
/// </summary>
internal static class DownloadEndpoints
{
    public static void MapDownloadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/download/queue/{trackId}", Queue);
        app.MapPost("/download/success", SuccessAsync);
    }

    private static IResult Queue(
        string trackId, HttpContext context, TokenStore tokens, FaultTable faults, TrackRequestCounts requestCounts,
        MediaFleet media, DownloadTickets tickets, CallCounters counters)
    {
        counters.Count(PoolCall.Queue);
        if (!AuthorizationHeader.TryParseBearer(context.Request.Headers.Authorization, out var userId, out var token)
            || tokens.FindAccount(userId, token) is not { } account)
        {
            return Results.Json(new ResultMessage("Invalid user id or access token."), statusCode: 401);
        }

        if (TrackCatalogue.TryParseId(trackId, out var id) && faults.TryGet(id, out var shape))
        {
            return FaultResponses.For(shape, id, requestCounts.Next(id), context);
        }

        var answer = TrackCatalogue.Lookup(account, trackId);
        if (answer.Message is not null)
        {
            return Results.Json(new ResultMessage(answer.Message), statusCode: answer.StatusCode);
        }

        var track = MediaTrack.For(id);
        object[] servers = answer.Servers.Count == 0 && !TrackCatalogue.IsMirrorTrack(id)
            ? []
            : media.ServersFor(track).Select(s => track.PlainHostNames ? (object)s.Host : s).ToArray();
        var ticket = tickets.Issue(account.UserId, id);

        // Field names, capital Result, strings for numbers: as the contract's example shows them.
        return Results.Json(new Dictionary<string, object?>
        {
            ["Result"] = "Track successfully queued for download.",
            ["artist"] = track.Artist,
            ["bpm"] = (96 + id % 40).ToString(CultureInfo.InvariantCulture),
            ["content_warn"] = id % 2 == 0 ? "True" : "False",
            ["dl_token"] = ticket.Token,
            ["duration"] = $"{3 + id % 3}:{id % 60:00}",
            ["end"] = "2099-12-31",
            ["explicit"] = id % 2,
            ["file_type"] = track.FileType,
            ["genre"] = "Dance",
            ["label"] = "Promo Only",
            ["media_type"] = track.IsVideo ? 1 : 2,
            ["mix"] = track.Mix,
            ["modified"] = "2020-03-24 10:00:00",
            ["queueid"] = ticket.Number,
            ["release_image"] = string.Empty,
            ["release_name"] = "Promo Only Club Hits",
            ["release_year"] = "2020",
            ["releaseid"] = "53719",
            ["servers"] = servers,
            ["title"] = track.Title,
            ["titleid"] = (id + 1000).ToString(CultureInfo.InvariantCulture),
            ["trackid"] = id.ToString(CultureInfo.InvariantCulture),
        });
    }

    private static async Task<IResult> SuccessAsync(
        HttpContext context, TokenStore tokens, DownloadTickets tickets, MediaStats stats, TimeProvider time, CallCounters counters)
    {
        counters.Count(PoolCall.Success);
        if (!AuthorizationHeader.TryParseBearer(context.Request.Headers.Authorization, out var userId, out var token)
            || tokens.FindAccount(userId, token) is not { } account)
        {
            return Results.Json(new ResultMessage("Invalid user id or access token."), statusCode: 401);
        }

        var form = await FormFields.ReadAsync(context.Request);
        string trackId = form["trackid"].ToString(), serverId = form["serverid"].ToString(), dlToken = form["dl_token"].ToString();
        if (tickets.Find(dlToken) is not { } ticket || ticket.UserId != account.UserId
            || trackId != ticket.TrackId.ToString(CultureInfo.InvariantCulture) || !int.TryParse(serverId, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return Results.Json(new ResultMessage("Invalid download token."));
        }

        var track = MediaTrack.For(ticket.TrackId);
        if (track.Fault == MediaFault.SuccessFails)
        {
            return Results.Json(new ResultMessage("Internal server error."), statusCode: 500);
        }

        stats.RecordSuccess(new SuccessSignal(trackId, serverId, dlToken, time.GetUtcNow()));
        return Results.Json(new Dictionary<string, object?>
        {
            ["releaseid"] = 53719,
            ["result"] = "success",
            ["titleid"] = ticket.TrackId + 1000,
            ["type"] = track.IsVideo ? "mp4" : "mp3",
        });
    }
}
