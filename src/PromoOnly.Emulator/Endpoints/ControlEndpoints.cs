using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Hosting;
using PromoOnly.Emulator.Media;
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

        group.MapGet("/stats", (StatsReset stats) => Results.Json(stats.Snapshot()));
        group.MapDelete("/stats", (StatsReset stats) =>
        {
            stats.Reset();
            return Results.NoContent();
        });

        group.MapGet("/in-flight", (InFlightRequests inFlight) => Results.Json(inFlight.Snapshot()));

        // Requests for ?path= wait after arriving (listed in /in-flight) until the DELETE lets them through.
        group.MapPost("/hold", (string path, RequestHolds holds) =>
        {
            holds.Hold(path);
            return Results.NoContent();
        });
        group.MapDelete("/hold", (string path, RequestHolds holds) =>
        {
            holds.Release(path);
            return Results.NoContent();
        });
        group.MapGet("/searches", (SearchLog searches) => Results.Json(searches.Snapshot()));
        group.MapDelete("/searches", (SearchLog searches) =>
        {
            searches.Clear();
            return Results.NoContent();
        });

        group.MapGet("/mirrors", (MirrorFleet mirrors) => Results.Json(mirrors.Snapshot()));

        group.MapGet("/downloads", (MediaStats media) => Results.Json(media.Signals()));

        // The tracks each account is marked as having downloaded by its success signals (the
        // seeded downloads are not listed); DELETE returns every account to the seeded state.
        group.MapGet("/downloaded", (DownloadMarks marks) => Results.Json(marks.Snapshot().Select(x => new
        {
            userid = x.UserId,
            trackid = x.Mark.TrackId,
            time = x.Mark.Time,
            signals = x.Mark.Signals,
        })));
        group.MapDelete("/downloaded", (DownloadMarks marks) =>
        {
            marks.Clear();
            return Results.NoContent();
        });
        // The section 7 state: each account's download queue, and a reset of everything the
        // preference and queue writes changed (hidden formats, file naming, queues).
        group.MapGet("/queue", (AccountState state) => Results.Json(state.Queued().Select(q => new { userid = q.UserId, trackid = q.TrackId })));
        group.MapDelete("/account-state", (AccountState state) =>
        {
            state.Clear();
            return Results.NoContent();
        });
        // The certificate media-tls serves, to trust in a test's process (SSL_CERT_FILE on Linux).
        group.MapGet("/certificate", (MediaFleet media) => Results.Text(media.Certificate.ExportCertificatePem(), "application/x-pem-file"));
        group.MapGet("/media", (MediaFleet media) => Results.Json(media.Hosts.Select(h => new { name = h.Name, host = h.Server.Host, id = h.Server.Id })));

        // What a client should have saved: size, name parts and SHA-256 of a track's file.
        // For a watermarked track, ?variant=n gives the file the n-th dl_token issued for it downloads.
        group.MapGet("/media/{trackId:int}", (int trackId, int? variant, ReleaseCatalogue catalogue, MediaControls controls) =>
        {
            var track = MediaTrack.For(trackId, catalogue);
            int version = track.Watermarked ? Math.Max(variant ?? 1, 1) : 0;
            return Results.Json(new
            {
                trackid = trackId,
                size = track.Size,
                sha256 = MediaContent.Sha256(track, version),
                contentType = track.ContentType,
                fileName = controls.FileNameFor(trackId) ?? track.DispositionName,
                etag = track.SendsValidators ? track.ETagFor(version) : null,
                held = controls.IsHeld(trackId),
                waiting = controls.Waiting(trackId),
            });
        });
        group.MapMethods("/media/{trackId:int}/file-name", ["PUT"], async (int trackId, HttpRequest request, MediaControls controls) =>
        {
            using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
            controls.SetFileName(trackId, await reader.ReadToEndAsync());
            return Results.NoContent();
        });
        group.MapDelete("/media/{trackId:int}/file-name", (int trackId, MediaControls controls) =>
        {
            controls.ClearFileName(trackId);
            return Results.NoContent();
        });
        group.MapPost("/media/{trackId:int}/hold", (int trackId, MediaControls controls) =>
        {
            controls.HoldTrack(trackId);
            return Results.NoContent();
        });
        group.MapDelete("/media/{trackId:int}/hold", (int trackId, MediaControls controls) =>
        {
            controls.Release(trackId);
            return Results.NoContent();
        });

        // Where the "redirect" fault points. Deliberately unauthenticated: the test question is
        // whether the client *sent* credentials to a different host, which the log answers.
        group.MapGet("/redirect-target/{trackId}", () => Results.Json(TrackCatalogue.DocumentedServers));
    }
}
