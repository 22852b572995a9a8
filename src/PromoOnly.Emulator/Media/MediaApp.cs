using System.Security.Cryptography.X509Certificates;
using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;
using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Contracts;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Hosting;

namespace PromoOnly.Emulator.Media;

/// <summary>
/// One media host: <c>GET /pool/v5/download/{dl_token}</c> with the Bearer header streams the
/// track's file (Range honoured when the host supports it, under If-Range, 416 past the end), with an
/// ETag and Last-Modified as a static-file server sends them; anything else at <c>/</c> answers a
/// latency probe. Requests go to the API's request log tagged with the host's name.
/// </summary>
internal static class MediaApp
{
    private const int ChunkSize = 64 * 1024;
    private static readonly TimeSpan CutPause = TimeSpan.FromMilliseconds(100);

    /// <param name="certificate">Serve https with it (media-tls); null for plain http.</param>
    public static WebApplication Build(string name, bool supportsRange, MediaShared shared, X509Certificate2? certificate = null)
    {
        var builder = LoopbackHost.CreateBuilder(certificate is null ? "http://127.0.0.1:0" : "https://127.0.0.1:0");
        if (certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }
        else
        {
            // A client that tries https:// first sends a TLS hello here; Kestrel answers it 400 before any middleware.
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Use(next => async connection =>
            {
                var input = connection.Transport.Input;
                var peek = await input.ReadAsync(connection.ConnectionClosed);
                if (!peek.Buffer.IsEmpty && peek.Buffer.FirstSpan[0] == 0x16)
                {
                    shared.Stats.CountTlsHello();
                }

                input.AdvanceTo(peek.Buffer.Start);
                await next(connection);
            })));
        }

        builder.Services.AddSingleton(shared.Time);
        builder.Services.AddSingleton(shared.Log);
        var app = builder.Build();
        app.UseMiddleware<RequestLogMiddleware>(new RequestSource(name));
        if (shared.EchoRequests)
        {
            app.UseMiddleware<Faults.RequestEchoMiddleware>();
        }

        app.MapGet("/pool/v5/download/{dlToken}", (string dlToken, HttpContext context) => ServeAsync(dlToken, context, supportsRange, shared));
        var probe = Encoding.UTF8.GetBytes($"media {name}");
        app.MapMethods("/", ["GET", "HEAD"], () => Results.Bytes(probe, "text/plain; charset=utf-8"));
        return app;
    }

    private static async Task ServeAsync(string dlToken, HttpContext context, bool supportsRange, MediaShared shared)
    {
        var response = context.Response;
        if (shared.Tokens.FindBearer(context.Request.Headers.Authorization) is not { } account)
        {
            await AuthQuirks.Unauthorized().ExecuteAsync(context);
            return;
        }

        if (shared.Tickets.Find(dlToken) is not { } ticket || ticket.UserId != account.UserId)
        {
            await Results.Json(new ResultMessage("Invalid download token."), statusCode: 403).ExecuteAsync(context);
            return;
        }

        var track = MediaTrack.For(ticket.TrackId, shared.Catalogue);
        var (scope, number) = shared.Stats.Begin(track.TrackId);
        using (scope)
        {
            if (track.Fault == MediaFault.TokenRefusedOnce && ticket.Number == 1)
            {
                await Results.Json(new ResultMessage("Download token expired."), statusCode: 403).ExecuteAsync(context);
                return;
            }

            if (track.Fault == MediaFault.HtmlLimit)
            {
                await Results.Content(LimitPage, "text/html; charset=utf-8").ExecuteAsync(context);
                return;
            }

            // Messages served under a media type, and a compressed bomb sent whatever was asked for.
            if (track.Fault is MediaFault.JsonAsAudio or MediaFault.HtmlAsOctets or MediaFault.GzipBomb)
            {
                response.ContentType = track.Fault == MediaFault.HtmlAsOctets ? "application/octet-stream" : track.ContentType;
                byte[] body = track.Fault switch
                {
                    MediaFault.JsonAsAudio => Encoding.UTF8.GetBytes("{\"result\":\"Invalid download token.\"}"),
                    MediaFault.HtmlAsOctets => Encoding.UTF8.GetBytes(LimitPage),
                    _ => GzipBomb.Value,
                };
                if (track.Fault == MediaFault.GzipBomb)
                {
                    response.Headers.ContentEncoding = "gzip";
                }

                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body, context.RequestAborted);
                return;
            }

            if (track.Delay > TimeSpan.Zero && !await RequestWait.DelayAsync(context, track.Delay))
            {
                return;
            }

            int variant = track.VariantFor(ticket.Number);
            string etag = track.ETagFor(variant);
            string modified = MediaTrack.LastModified.ToString("r", CultureInfo.InvariantCulture);
            if (track.SendsValidators)
            {
                response.Headers.ETag = etag;
                response.Headers.LastModified = modified;
            }

            // RFC 9110 §13.1.5: a Range under an If-Range that names another version (or any, when
            // this file has no validator) is ignored, and the whole current file is sent.
            string ifRange = context.Request.Headers.IfRange.ToString();
            bool sameVersion = ifRange.Length == 0 || (track.SendsValidators && (ifRange == etag || ifRange == modified));
            long start = supportsRange && sameVersion && TryParseRangeStart(context.Request.Headers.Range.ToString(), out long from) ? from : 0;
            if (supportsRange)
            {
                response.Headers.AcceptRanges = "bytes";
            }

            if (start >= track.Size)
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{track.Size}";
                return;
            }

            if (start > 0)
            {
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = $"bytes {start}-{track.Size - 1}/{track.Size}";
            }

            response.ContentType = track.ContentType;
            response.ContentLength = track.Fault == MediaFault.Chunked ? null : track.Size - start + (track.Fault == MediaFault.WrongLength ? 1000 : 0);
            if ((shared.Controls.FileNameFor(track.TrackId) ?? track.DispositionName) is { } fileName)
            {
                response.Headers.ContentDisposition = Disposition(fileName);
            }

            long stopAt = track.Fault == MediaFault.CutOnce && number == 1 ? MediaTrack.CutAt : track.Size;
            await StreamAsync(context, track, variant, start, stopAt, shared);
        }
    }

    private static async Task StreamAsync(HttpContext context, MediaTrack track, int variant, long start, long stopAt, MediaShared shared)
    {
        MediaStats stats = shared.Stats;
        byte[] block = MediaContent.Block(track.TrackId, variant);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        LinePace? pace = LinePace.For(track.BytesPerSecond, shared.LineBytesPerSecond);
        try
        {
            for (long offset = start; offset < stopAt;)
            {
                int length = (int)Math.Min(ChunkSize, stopAt - offset);
                MediaContent.Fill(block, offset, buffer.AsSpan(0, length));
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, length), context.RequestAborted);
                stats.CountBytes(length);
                offset += length;

                // A held track (POST /_emulator/media/{id}/hold) waits here, its first block on the wire, until released.
                if (offset - start == length && shared.Controls.IsHeld(track.TrackId))
                {
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    if (!await shared.Controls.PassAsync(track.TrackId, context.RequestAborted))
                    {
                        return;
                    }
                }

                if (pace?.Sent(length) is { } wait && wait > TimeSpan.Zero && !await RequestWait.DelayAsync(context, wait))
                {
                    return;
                }
            }

            if (stopAt < track.Size)
            {
                // The cut-once fault: the connection drops mid-body, as a flaky network would.
                // The pause lets the transport hand every flushed byte to the socket before the abort
                // discards what is still queued, so the client really holds CutAt bytes.
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(CutPause, context.RequestAborted);
                context.Abort();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client hung up (Ctrl+C, or it gave up on this host): nothing left to send.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Disposition(string fileName)
    {
        var value = new ContentDispositionHeaderValue("attachment");
        if (fileName.All(c => c is >= ' ' and < (char)127))
        {
            value.FileName = "\"" + fileName.Replace("\"", "'", StringComparison.Ordinal) + "\"";
        }
        else
        {
            value.FileNameStar = fileName;
        }

        return value.ToString();
    }

    private static bool TryParseRangeStart(string header, out long start)
    {
        start = 0;
        const string prefix = "bytes=";
        if (!header.StartsWith(prefix, StringComparison.Ordinal) || !header.EndsWith('-'))
        {
            return false;
        }

        return long.TryParse(header.AsSpan(prefix.Length, header.Length - prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out start);
    }

    /// <summary>60 MiB of zeros as about 60 KB of gzip: what a client that unpacks media would write to disk.</summary>
    private static readonly Lazy<byte[]> GzipBomb = new(() =>
    {
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (int i = 0; i < 60; i++)
            {
                gzip.Write(zeros);
            }
        }

        return packed.ToArray();
    });

    private const string LimitPage =
        "<!DOCTYPE html><html><head><title>Promo Only POOL</title></head><body><h1>Download limit reached</h1>" +
        "<p>You have reached your daily download limit. Please try again tomorrow or contact support.</p></body></html>";
}
