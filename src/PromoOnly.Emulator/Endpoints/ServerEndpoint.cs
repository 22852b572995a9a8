using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Contracts;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Faults;
using PromoOnly.Emulator.Media;
using PromoOnly.Emulator.Mirrors;

namespace PromoOnly.Emulator.Endpoints;

/// <summary>GET /download/server/{TRACK_ID}: which mirrors hold a track.</summary>
internal static class ServerEndpoint
{
    public static void MapServerEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/download/server/{trackId}", GetServers);

    private static IResult GetServers(
        string trackId,
        HttpContext context,
        TokenStore tokens,
        FaultTable faults,
        RateFaults rateFaults,
        TrackRequestCounts requestCounts,
        MirrorFleet mirrors,
        SilentMirrors silent,
        MediaFleet media,
        AuthQuirks quirks,
        CallCounters counters)
    {
        counters.Count(PoolCall.Servers);

        // Authentication comes before anything about the track, so an unauthenticated client
        // learns nothing (not even whether the track exists).
        if (BearerEndpoint.Authenticate(context, tokens) is not { } account)
        {
            return quirks.BadToken();
        }

        if (TrackCatalogue.TryParseId(trackId, out var id))
        {
            if (faults.TryGet(id, out var shape))
            {
                return FaultResponses.For(shape, id, requestCounts.Next(id), context);
            }

            // Requests are only numbered when the rate is on, so the count table stays empty otherwise.
            if (rateFaults.Enabled && rateFaults.TryPick(id, requestCounts.Next(id), out var injected))
            {
                counters.CountInjectedFault();
                return FaultResponses.ForInjected(injected, rateFaults.RetryAfterSeconds, context);
            }

            if (mirrors.Servers.Count > 0 && TrackCatalogue.IsMirrorTrack(id))
            {
                return Results.Json(mirrors.Servers);
            }

            if (silent.Servers.Count > 0 && TrackCatalogue.IsSilentMirrorTrack(id))
            {
                return Results.Json(silent.Servers);
            }
        }

        var answer = TrackCatalogue.Lookup(account, trackId);
        if (answer.Message is null && answer.Servers.Count > 0 && MediaTrack.For(id).PlainHostNames)
        {
            // The queue names these tracks' hosts without ids; this is where a client finds them.
            return Results.Json(media.ServersFor(MediaTrack.For(id)));
        }

        return answer.Message is null
            ? Results.Json(answer.Servers, statusCode: answer.StatusCode)
            : Results.Json(new ResultMessage(answer.Message), statusCode: answer.StatusCode);
    }
}
