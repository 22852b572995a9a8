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
/// <see cref="PartialFile"/> through one pooled buffer: asks for <c>Range: bytes=N-</c> (under
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
    private const int MaxQuotedBytes = 2048;
    private static readonly TimeSpan DefaultThrottle = TimeSpan.FromSeconds(1);

    private readonly HttpClient _http;
    private readonly string _userAgent;
    private readonly TimeSpan _timeout;
    private readonly long _maxFileSize;

    public MediaTransfer(HttpClient http, string userAgent, TimeSpan timeout, long maxFileSize = DefaultMaxFileSize)
    {
        _http = http;
        _userAgent = userAgent;
        _timeout = timeout;
        _maxFileSize = maxFileSize;
    }

    /// <summary>4 GiB: beyond any track (a 200 MiB video is large); what -MaxFileSize defaults to.</summary>
    public const long DefaultMaxFileSize = 4L * 1024 * 1024 * 1024;

    public static Uri MediaUri(string host, string dlToken, bool https = false) =>
        new((https ? "https://" : "http://") + host + "/pool/v5/download/" + Uri.EscapeDataString(dlToken), UriKind.Absolute);

    /// <summary>The request over plain http (MediaFetcher chooses the scheme for downloads).</summary>
    public Task<TransferResult> RunAsync(string host, string dlToken, AuthenticationHeaderValue bearer, PartialFile file, TransferProgress progress, ProgressBoard board, CancellationToken cancellationToken) =>
        RunAsync(host, https: false, dlToken, bearer, file, progress, board, cancellationToken);

    /// <summary>
    /// <paramref name="timeout"/> bounds the wait for headers and every single read: a stalled mirror fails, a slow one does not.
    /// Over https, a failure before any answer is <see cref="TransferStatus.HttpsUnavailable"/> only when the host showed no certificate.
    /// </summary>
    public async Task<TransferResult> RunAsync(string host, bool https, string dlToken, AuthenticationHeaderValue bearer, PartialFile file, TransferProgress progress, ProgressBoard board, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, MediaUri(host, dlToken, https));
        request.Headers.UserAgent.ParseAdd(_userAgent);
        request.Headers.Authorization = bearer;
        long offset = ResumeConditions.Apply(request, file, dlToken);

        // A compressed body's length says nothing about the file's: 60 KB of gzip can be 60 MiB.
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
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
            int status = (int)response.StatusCode;
            if (status is 401 or 403 or 410)
            {
                return new TransferResult(TransferStatus.TokenRefused, $"HTTP {status}");
            }

            if (status is >= 300 and < 400)
            {
                return new TransferResult(TransferStatus.MirrorFailed, $"HTTP {status} redirect (not followed: credentials stay with the listed host)");
            }

            if (status == 416 && offset > 0)
            {
                // The partial is longer than the file (it changed, or the bytes were never its own): start over once.
                file.Restart();
                return new TransferResult(TransferStatus.Cut, $"the mirror answered 416: the {offset} bytes kept do not fit inside the file; starting over");
            }

            if (status is 429 or 503)
            {
                TimeSpan wait = RetryPolicy.ReadRetryAfter(response.Headers, DateTimeOffset.UtcNow) ?? DefaultThrottle;
                return new TransferResult(TransferStatus.MirrorFailed, $"HTTP {status}") { Throttle = wait };
            }

            if (status is not (200 or 206))
            {
                return new TransferResult(TransferStatus.MirrorFailed, $"HTTP {status}");
            }

            HttpContentHeaders headers = response.Content.Headers;
            string? contentType = headers.ContentType?.MediaType;
            if (IsTextual(contentType))
            {
                string quoted = await ExcerptAsync(response, stall.Token).ConfigureAwait(false);
                return new TransferResult(TransferStatus.Invalid, $"the mirror sent {contentType} instead of the media file: '{quoted}'");
            }

            if (status == 206 && offset > 0 && !ResumeConditions.Continues(response, file))
            {
                // A server that ignored If-Range: its 206 is the rest of another version of the file.
                file.Restart();
                return new TransferResult(TransferStatus.Cut, "the mirror answered 206 for another version of the file than the one kept; starting over");
            }

            BodyPlan? plan = BodyPlan.For(status, offset, response, file.AnnouncedTotal, _maxFileSize, out TransferResult? refusal, out bool restart);
            if (restart)
            {
                file.Restart();
            }

            if (plan is null)
            {
                return refusal!;
            }

            if (status == 200)
            {
                // This answer starts the file: remember how to ask for the rest of this very answer later.
                file.Begin(ResumeConditions.ValidatorOf(response), dlToken);
            }

            if (plan.Total is { } known)
            {
                file.AnnouncedTotal = known;
                progress.SetTotal(known);
            }

            string? name = headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName?.Trim('"');
            return await CopyAsync(response, file, plan, progress, board, stall, cancellationToken, name, contentType).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The reader only reads: each filled buffer goes to a <see cref="WriteBehind"/> that writes and hashes it
    /// while the next reads go on. Reading, writing and hashing one after another on one thread ran at half the speed of curl.
    /// </summary>
    private async Task<TransferResult> CopyAsync(HttpResponseMessage response, PartialFile file, BodyPlan plan, TransferProgress progress, ProgressBoard board, CancellationTokenSource stall, CancellationToken cancellationToken, string? name, string? contentType)
    {
        var behind = new WriteBehind((chunk, count) => file.WriteAsync(chunk, count, cancellationToken), cancellationToken);
        long received = file.Length;
        bool resumed = plan.Resumed;
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
                    // The first bytes of every body are looked at before any is written, so enough of them must be there.
                    read = first
                        ? await FillAsync(body, filling, (int)Math.Min(MediaSniffer.SniffLength, plan.EndAt is { } end ? Math.Max(1, end - received) : MediaSniffer.SniffLength), stall.Token).ConfigureAwait(false)
                        : await body.ReadAsync(filling, 0, BufferSize, stall.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
                {
                    // What did arrive is kept (and resumed from): finish storing it first.
                    await behind.DrainAsync().ConfigureAwait(false);
                    return new TransferResult(TransferStatus.Cut, stall.IsCancellationRequested ? $"no data for {_timeout.TotalSeconds:0.#} s" : $"connection dropped after {file.Length} bytes: {ServerText.Innermost(ex)}", resumed, name, contentType);
                }

                if (first)
                {
                    first = false;
                    if (read == 0 && received == 0)
                    {
                        return new TransferResult(TransferStatus.Invalid, "the mirror sent an empty body instead of the media file", resumed, name, contentType);
                    }

                    if (MediaSniffer.Identify(filling, read) is { } what)
                    {
                        return new TransferResult(TransferStatus.Invalid, $"the mirror sent {what} instead of the media file{(contentType is null ? string.Empty : $" (declared as {contentType})")}: '{ServerText.Excerpt(Encoding.UTF8.GetString(filling, 0, Math.Min(read, MaxQuotedBytes)))}'", resumed, name, contentType);
                    }
                }

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
                    return new TransferResult(TransferStatus.Invalid, plan.EndAt is { } announced
                        ? $"the mirror sent more bytes than the {announced} its answer announced"
                        : $"the mirror sent more than {plan.Limit} bytes without announcing a length (-MaxFileSize raises the limit)", resumed, name, contentType);
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

    private static bool IsTextual(string? mediaType) =>
        mediaType is not null && (mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var bytes = new byte[MaxQuotedBytes];
        int filled = 0, read;
        while (filled < bytes.Length && (read = await body.ReadAsync(bytes, filled, bytes.Length - filled, cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }

        return ServerText.Excerpt(Encoding.UTF8.GetString(bytes, 0, filled));
    }
}
