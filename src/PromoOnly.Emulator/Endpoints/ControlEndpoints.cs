using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Mirrors;

namespace PromoOnly.Emulator.Endpoints;

/// <summary>
/// Emulator-only endpoints under /_emulator/: inspection for tests, never part of the POOL API.
/// No authentication, because they only ever listen on loopback.
/// </summary>
internal static class ControlEndpoints
{
    public static void MapControlEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/_emulator");

        group.MapGet("/requests", (RequestLog log) => Results.Json(log.Snapshot()));
        group.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });

        group.MapGet("/stats", (CallCounters counters) => Results.Json(counters.Snapshot()));
        group.MapDelete("/stats", (StatsReset stats) =>
        {
            stats.Reset();
            return Results.NoContent();
        });

        group.MapGet("/searches", (SearchLog searches) => Results.Json(searches.Snapshot()));
        group.MapDelete("/searches", (SearchLog searches) =>
        {
            searches.Clear();
            return Results.NoContent();
        });

        group.MapGet("/mirrors", (MirrorFleet mirrors) => Results.Json(mirrors.Snapshot()));

        // Where the "redirect" fault points. Deliberately unauthenticated: the test question is
        // whether the client *sent* credentials to a different host, which the log answers.
        group.MapGet("/redirect-target/{trackId}", () => Results.Json(TrackCatalogue.DocumentedServers));
    }
}
