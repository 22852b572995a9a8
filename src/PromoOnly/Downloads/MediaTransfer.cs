using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Downloads;

/// <summary>
/// One <c>GET https://{host}/pool/v5/download/{dl_token}</c> (or http://, contract 5.2) streamed into a
/// <see cref="PartialFile"/> through pooled buffers that a <see cref="WriteBehind"/> stores while the next fill: asks for <c>Range: bytes=N-</c> (under
/// <c>If-Range</c>) when the file already holds N bytes of the same answer (<see cref="ResumeConditions"/>),
/// continues only on 206 with a matching Content-Range, otherwise starts over (after a 416 too);
/// asks for <c>Accept-Encoding: identity</c>; refuses bodies that are HTML or JSON whatever their
/// declared type (<see cref="MediaSniffer"/>); completes the file only when its length is proven
/// (<see cref="BodyPlan"/>) and never beyond the size limit. Redirects are never followed, so the
/// Bearer header reaches only the listed host.
/// </summary>
internal sealed class MediaTransfer
{
    public const int BufferSize = BufferPool.BufferSize;
    private static readonly TimeSpan DefaultThrottle = TimeSpan.FromSeconds(1);

    private readonly HttpClient _http;
    private readonly string _userAgent;
    private readonly TimeSpan _timeout;
    private readonly long _maxFileSize;

    /// <param name="transfersAtOnce">How many transfers run at once (-ThrottleLimit): how far each may read ahead of its disk (<see cref="WriteBehind.DepthFor"/>).</param>
    public MediaTransfer(HttpClient http, string userAgent, TimeSpan timeout, long maxFileSize = DefaultMaxFileSize, int transfersAtOnce = 1)
    {
        TransfersAtOnce = transfersAtOnce;
        _http = http;
        _userAgent = userAgent;
        _timeout = timeout;
        _maxFileSize = maxFileSize;
    }

    /// <summary>How many of these transfers may run at once: the downloader's transfer slots, and each one's read-ahead.</summary>
    public int TransfersAtOnce { get; }

    /// <summary>4 GiB: beyond any track (a 200 MiB video is large); what -MaxFileSize defaults to.</summary>
    public const long DefaultMaxFileSize = 4L * 1024 * 1024 * 1024;

    public static Uri MediaUri(string host, string dlToken, bool https = false) =>
        new((https ? "https://" : "http://") + host + "/pool/v5/download/" + Uri.EscapeDataString(dlToken), UriKind.Absolute);

    /// <summary>
    /// <paramref name="timeout"/> bounds the wait for headers and every single read: a stalled mirror fails, a slow one does not.
    /// Over https, a failure before any answer is <see cref="TransferStatus.HttpsUnavailable"/> only when the host showed no certificate.
    /// </summary>
    public async Task<TransferResult> RunAsync(string host, bool https, string dlToken, AuthenticationHeaderValue bearer, PartialFile file, TransferProgress progress, ProgressBoard board, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = CreateRequest(host, https, dlToken, bearer, file, out long offset);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(_timeout);
        HttpResponseMessage response;
        long witnessed = CertificateWitness.Mark();
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Unanswered(https, request.RequestUri!.Host, witnessed, ex, $"no answer within {_timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return Unanswered(https, request.RequestUri!.Host, witnessed, ex, ServerText.Innermost(ex));
        }

        using (response)
        {
            if (Declined(response, offset, file) is { } declined)
            {
                return declined;
            }

            HttpContentHeaders headers = response.Content.Headers;
            string? contentType = headers.ContentType?.MediaType;
            if (MediaSniffer.IsTextual(contentType))
            {
                string quoted = await MediaSniffer.QuoteAsync(response, stall.Token).ConfigureAwait(false);
                return new TransferResult(TransferStatus.Invalid, $"the mirror sent {contentType} instead of the media file: '{quoted}'");
            }

            if (PlanBody(response, offset, file, dlToken, out TransferResult? refusal) is not { } plan)
            {
                return refusal!;
            }

            if (plan.Total is { } known)
            {
                progress.SetTotal(known);
            }

            string? name = headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName?.Trim('"');
            return await CopyAsync(response, file, plan, progress, board, stall, cancellationToken, name, contentType).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage CreateRequest(string host, bool https, string dlToken, AuthenticationHeaderValue bearer, PartialFile file, out long offset)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, MediaUri(host, dlToken, https));
        request.Headers.UserAgent.ParseAdd(_userAgent);
        request.Headers.Authorization = bearer;
        offset = ResumeConditions.Apply(request, file, dlToken);

        // A compressed body's length says nothing about the file's: 60 KB of gzip can be 60 MiB.
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
        return request;
    }

    /// <summary>What a status other than 200 or 206 means for this mirror; null for those two.</summary>
    private static TransferResult? Declined(HttpResponseMessage response, long offset, PartialFile file)
    {
        int status = (int)response.StatusCode;
        switch (status)
        {
            case 200 or 206:
                return null;
            case 401 or 403 or 410:
                return new TransferResult(TransferStatus.TokenRefused, $"HTTP {status}");
            case >= 300 and < 400:
                return new TransferResult(TransferStatus.MirrorFailed, $"HTTP {status} redirect (not followed: credentials stay with the listed host)");
            case 416 when offset > 0:
                // The partial is longer than the file (it changed, or the bytes were never its own): start over once.
                file.Restart();
                return new TransferResult(TransferStatus.Cut, $"the mirror answered 416: the {offset} bytes kept do not fit inside the file; starting over");
            case 429 or 503:
                TimeSpan wait = RetryPolicy.ReadRetryAfter(response.Headers, DateTimeOffset.UtcNow) ?? DefaultThrottle;
                return new TransferResult(TransferStatus.MirrorFailed, $"HTTP {status}") { Throttle = wait };
            default:
                return new TransferResult(TransferStatus.MirrorFailed, $"HTTP {status}");
        }
    }

    /// <summary>
    /// How the body of a 200 or 206 goes into <paramref name="file"/> (continued, or from byte 0), or, as
    /// <paramref name="refusal"/>, why it does not; a 200 starts the file and remembers how to resume it.
    /// </summary>
    private BodyPlan? PlanBody(HttpResponseMessage response, long offset, PartialFile file, string dlToken, out TransferResult? refusal)
    {
        int status = (int)response.StatusCode;
        if (status == 206 && offset > 0 && !ResumeConditions.Continues(response, file))
        {
            // A server that ignored If-Range: its 206 is the rest of another version of the file.
            file.Restart();
            refusal = new TransferResult(TransferStatus.Cut, "the mirror answered 206 for another version of the file than the one kept; starting over");
            return null;
        }

        BodyPlan? plan = BodyPlan.For(status, offset, response, file.AnnouncedTotal, _maxFileSize, out refusal, out bool restart);
        if (restart)
        {
            file.Restart();
        }

        if (plan is null)
        {
            return null;
        }

        if (status == 200)
        {
            // This answer starts the file: remember how to ask for the rest of this very answer later.
            file.Begin(ResumeConditions.ValidatorOf(response), dlToken);
        }

        if (plan.Total is { } known)
        {
            file.AnnouncedTotal = known;
        }

        return plan;
    }

    /// <summary>
    /// The reader only reads: each filled buffer goes to a <see cref="WriteBehind"/> that writes and hashes it
    /// while the next reads go on, because reading, writing and hashing one after another on one thread ran at half curl's speed.
    /// </summary>
    private async Task<TransferResult> CopyAsync(HttpResponseMessage response, PartialFile file, BodyPlan plan, TransferProgress progress, ProgressBoard board, CancellationTokenSource stall, CancellationToken cancellationToken, string? name, string? contentType)
    {
        TransferResult Result(TransferStatus status, string reason) => new(status, reason, plan.Resumed, name, contentType);

        var behind = new WriteBehind((chunk, count) => file.WriteAsync(chunk, count, cancellationToken), cancellationToken, WriteBehind.DepthFor(TransfersAtOnce));
        long received = file.Length;
        bool first = true;
        try
        {
            // Disposing the response unblocks a stalled read on runtimes whose streams ignore tokens.
            using CancellationTokenRegistration abort = stall.Token.Register(response.Dispose);
            using Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            while (true)
            {
                stall.CancelAfter(_timeout);
                byte[] filling = behind.Buffer;
                int read;
                try
                {
                    read = await ReadAsync(body, filling, first, plan, received, stall.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
                {
                    // What did arrive is kept (and resumed from): finish storing it first.
                    await behind.DrainAsync().ConfigureAwait(false);
                    return Result(TransferStatus.Cut, stall.IsCancellationRequested ? $"no data for {_timeout.TotalSeconds:0.#} s" : $"connection dropped after {file.Length} bytes: {ServerText.Innermost(ex)}");
                }

                if (first && MediaSniffer.NotMedia(filling, read, received, contentType) is { } notMedia)
                {
                    return Result(TransferStatus.Invalid, notMedia);
                }

                first = false;
                if (read == 0)
                {
                    await behind.DrainAsync().ConfigureAwait(false);
                    progress.SetReceived(file.Length);
                    break;
                }

                if (received + read > plan.Limit)
                {
                    // Bytes from an answer that broke its word are not worth continuing.
                    await behind.DrainAsync().ConfigureAwait(false);
                    file.Restart();
                    return Result(TransferStatus.Invalid, TooLong(plan));
                }

                received += read;
                board.AddBytes(read);
                progress.SetReceived(received);
                await behind.HandOverAsync(read).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return plan.Ending(file.Length, name, contentType);
        }
        finally
        {
            // Never hand a buffer back, or the file to anyone else, while a write still uses them.
            await behind.ReleaseAsync().ConfigureAwait(false);
        }
    }

    private static string TooLong(BodyPlan plan) => plan.EndAt is { } announced
        ? $"the mirror sent more bytes than the {announced} its answer announced"
        : $"the mirror sent more than {plan.Limit} bytes without announcing a length (-MaxFileSize raises the limit)";

    /// <summary>
    /// The next bytes of the body. The first bytes of every body are looked at before any is written,
    /// so the first read waits until the sniffer has enough of them (or the body ends).
    /// </summary>
    private static Task<int> ReadAsync(Stream body, byte[] buffer, bool first, BodyPlan plan, long received, CancellationToken cancellationToken) =>
        first
            ? FillAsync(body, buffer, MediaSniffer.Wanted(plan.EndAt, received), cancellationToken)
            : body.ReadAsync(buffer, 0, BufferSize, cancellationToken);

    /// <summary>Reads until <paramref name="atLeast"/> bytes are in <paramref name="buffer"/> or the body ends.</summary>
    private static async Task<int> FillAsync(Stream body, byte[] buffer, int atLeast, CancellationToken cancellationToken)
    {
        int filled = 0, read;
        while (filled < atLeast && (read = await body.ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    /// <summary>A request that got no answer: over https, whether the host offers https at all decides what comes next.</summary>
    private static TransferResult Unanswered(bool https, string hostName, long witnessed, Exception failure, string reason) =>
        !https ? new TransferResult(TransferStatus.MirrorFailed, reason)
        : CertificateWitness.Judge(hostName, witnessed, failure, out System.Net.Security.SslPolicyErrors errors) switch
        {
            CertificateWitness.Verdict.NoCertificate => new TransferResult(TransferStatus.HttpsUnavailable, reason),
            CertificateWitness.Verdict.Rejected => new TransferResult(TransferStatus.MirrorFailed, $"its https certificate is not trusted ({errors}), so nothing was sent to it") { Untrusted = true },
            _ => new TransferResult(TransferStatus.MirrorFailed, reason),
        };
}
