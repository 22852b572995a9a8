using System.Globalization;
using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Contracts;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Faults;
using PromoOnly.Emulator.Media;
using PromoOnly.Emulator.Mirrors;

namespace PromoOnly.Emulator.Endpoints;

/// <summary>
/// GET /download/queue/{id} and POST /download/success. The queue follows exactly the rules of
/// GET /download/server/{id} (faults, 404, 403, no mirror yet), so every track a lookup serves can
/// be downloaded; its servers are the loopback media hosts, which really serve the file. A catalogue
/// track's queue answer carries the catalogue's own metadata (<see cref="TrackFacts"/>), and a
/// success signal marks the track downloaded for the account (<see cref="DownloadMarks"/>). A queued
/// track stays in the account's queue (<see cref="AccountState"/>) until its success signal or a removal.
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
        MediaFleet media, SilentMirrors silent, DownloadTickets tickets, ReleaseCatalogue catalogue, CallCounters counters, AccountState state)
    {
        counters.Count(PoolCall.Queue);
        if (BearerEndpoint.Authenticate(context, tokens) is not { } account)
        {
            return AuthQuirks.Unauthorized();
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

        var track = MediaTrack.For(id, catalogue);
        var facts = TrackFacts.For(id, catalogue);
        object[] servers = silent.Servers.Count > 0 && TrackCatalogue.IsSilentMirrorTrack(id)
            ? [.. silent.Servers, .. id < 951500 ? [media.A] : Array.Empty<MirrorServer>()]
            : answer.Servers.Count == 0 && !TrackCatalogue.IsMirrorTrack(id)
            ? []
            : media.ServersFor(track).Select(s => track.PlainHostNames ? (object)s.Host : s).ToArray();
        var ticket = tickets.Issue(account.UserId, id);
        state.Enqueue(account.UserId, id);

        // Field names, capital Result, strings for numbers: as the contract's example shows them.
        return Results.Json(new Dictionary<string, object?>
        {
            ["Result"] = "Track successfully queued for download.",
            ["artist"] = facts.Artist,
            ["bpm"] = facts.Bpm.ToString(CultureInfo.InvariantCulture),
            ["content_warn"] = facts.ContentWarning ? "True" : "False",
            ["dl_token"] = ticket.Token,
            ["duration"] = facts.Duration,
            ["end"] = "2099-12-31",
            ["explicit"] = facts.Explicit ? 1 : 0,
            ["file_type"] = track.FileType,
            ["genre"] = facts.Genre,
            ["label"] = facts.Label,
            ["media_type"] = facts.IsVideo ? 1 : 2,
            ["mix"] = facts.Mix,
            ["modified"] = facts.Modified,
            ["queueid"] = ticket.Number,
            ["release_image"] = facts.ReleaseImage,
            ["release_name"] = facts.ReleaseName,
            ["release_year"] = facts.ReleaseYear.ToString(CultureInfo.InvariantCulture),
            ["releaseid"] = facts.ReleaseId.ToString(CultureInfo.InvariantCulture),
            ["servers"] = servers,
            ["title"] = facts.Title,
            ["titleid"] = facts.TitleId.ToString(CultureInfo.InvariantCulture),
            ["trackid"] = id.ToString(CultureInfo.InvariantCulture),
        });
    }

    private static async Task<IResult> SuccessAsync(
        HttpContext context, TokenStore tokens, DownloadTickets tickets, MediaStats stats, TimeProvider time, ReleaseCatalogue catalogue,
        DownloadMarks marks, CallCounters counters, AccountState state)
    {
        counters.Count(PoolCall.Success);
        if (BearerEndpoint.Authenticate(context, tokens) is not { } account)
        {
            return AuthQuirks.Unauthorized();
        }

        var form = await FormFields.ReadAsync(context.Request);
        string trackId = form["trackid"].ToString(), serverId = form["serverid"].ToString(), dlToken = form["dl_token"].ToString();
        if (tickets.Find(dlToken) is not { } ticket || ticket.UserId != account.UserId
            || trackId != ticket.TrackId.ToString(CultureInfo.InvariantCulture) || !int.TryParse(serverId, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return Results.Json(new ResultMessage("Invalid download token."));
        }

        var track = MediaTrack.For(ticket.TrackId);
        long attempt = stats.NextSignal(ticket.TrackId);
        if (track.Fault == MediaFault.SuccessFails || (track.Fault == MediaFault.SuccessFailsOnce && attempt == 1))
        {
            return Results.Json(new ResultMessage("Internal server error."), statusCode: 500);
        }

        // The contract: the signal marks the track downloaded for the account everywhere, so the
        // catalogue answers and the history read it from here on.
        DateTimeOffset now = time.GetUtcNow();
        marks.Mark(account.UserId, ticket.TrackId, now);
        state.Dequeue(account.UserId, ticket.TrackId);
        stats.RecordSuccess(new SuccessSignal(trackId, serverId, dlToken, now));
        if (track.Fault == MediaFault.SuccessDropsOnce && attempt == 1)
        {
            // Acted on, then the connection drops before the answer: the client cannot know it arrived.
            return DisconnectResult.Instance;
        }

        var facts = TrackFacts.For(ticket.TrackId, catalogue);
        return Results.Json(new Dictionary<string, object?>
        {
            ["releaseid"] = facts.ReleaseId,
            ["result"] = "success",
            ["titleid"] = facts.TitleId,
            ["type"] = facts.Type,
        });
    }
}
