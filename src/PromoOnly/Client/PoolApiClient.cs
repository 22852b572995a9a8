using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Client;

/// <summary>
/// Sends the POOL API requests exactly as the contract spells them and turns every answer into
/// either a typed result or a <see cref="PoolApiException"/>. Knows nothing of PowerShell.
/// </summary>
internal sealed partial class PoolApiClient
{
    /// <summary>No legitimate answer comes near this; a larger one is refused unread.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const int MaxRedirects = 5;

    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly string _userAgent;
    private readonly TimeSpan _timeout;
    private readonly IPoolLog _log;
    private readonly MonotonicClock _clock;

    /// <param name="clock">Measures each request's <paramref name="timeout"/>; the system clock unless a test drives it.</param>
    public PoolApiClient(HttpClient http, Uri baseUri, string userAgent, TimeSpan timeout, IPoolLog log, Uri? proxy = null, MonotonicClock? clock = null)
    {
        Proxy = proxy;
        _http = http;
        PoolHttp.RecycleConnectionsTo(baseUri);
        _baseUri = baseUri;
        _userAgent = userAgent;
        _timeout = timeout;
        _log = log;
        _clock = clock ?? MonotonicClock.System;
    }

    public Uri BaseUri => _baseUri;

    public HttpClient Http => _http;

    /// <summary>The explicit proxy <see cref="Http"/> goes through, if any; sessions remember it.</summary>
    public Uri? Proxy { get; }

    /// <summary>Endpoint 1: <c>GET /download/server/{id}</c> with the Bearer header.</summary>
    public async Task<ServerList> GetDownloadServersAsync(long trackId, AuthenticationHeaderValue authorization, CancellationToken cancellationToken)
    {
        ApiResponse response = await SendAsync(
            HttpMethod.Get,
            ApiAddress.DownloadServers(_baseUri, trackId),
            authorization,
            form: null,
            cancellationToken).ConfigureAwait(false);

        if (response.IsSuccess)
        {
            return ServerListParser.Parse(trackId, response.Body);
        }

        throw StatusFailure(response, trackId);
    }

    /// <summary>A non-2xx answer about one track, in the terms every track endpoint shares (contract: "status meaning").</summary>
    internal PoolApiException StatusFailure(ApiResponse response, long trackId)
    {
        string? said = ServerMessage.OfBody(response.Body);
        string quoted = Quote(said);
        int status = response.StatusCode;
        return status switch
        {
            401 => new PoolApiException(PoolErrorKind.Unauthorized, $"The POOL API rejected the credentials (HTTP 401{quoted}).", status, said),
            403 => new PoolApiException(PoolErrorKind.NotInSubscription, $"Track {trackId} is not covered by the account's subscription (HTTP 403{quoted}).", status, said),
            404 => new PoolApiException(PoolErrorKind.TrackNotFound, $"Track {trackId} was not found (HTTP 404{quoted}).{AddressHint(status)}", status, said),
            _ when IsTransient(status) => new PoolApiException(PoolErrorKind.ServiceUnavailable, $"The POOL API could not answer for track {trackId} (HTTP {status}{quoted}).", status, said, retryAfter: response.RetryAfter),
            _ => new PoolApiException(PoolErrorKind.UnexpectedStatus, $"The POOL API answered HTTP {status} for track {trackId}{quoted}.", status, said),
        };
    }

    /// <summary>
    /// The POOL API lives at the root of its host. Behind a base address with a path, a 404 more
    /// likely means the address is wrong than that the track or endpoint is missing; say so.
    /// </summary>
    internal string AddressHint(int status) =>
        status == 404 && _baseUri.AbsolutePath != "/"
            ? $" The API address {_baseUri} has a path ('{_baseUri.AbsolutePath}'), and the POOL API answers at the root of its host (such as {ApiAddress.DefaultBaseUri}), so the address looks wrong: check -ApiBaseUri or {ApiAddress.EnvironmentVariable}."
            : string.Empty;

    internal static bool IsTransient(int status) =>
        status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// One request, following same-origin redirects itself. The form is rebuilt for every hop, so a
    /// 307/308 re-sends the same body; a 301/302/303 of a POST is refused, because following it would
    /// turn the POST into a GET that silently drops the form.
    /// </summary>
    private async Task<ApiResponse> SendAsync(HttpMethod method, Uri uri, AuthenticationHeaderValue? authorization, FormBody? form, CancellationToken cancellationToken)
    {
        using CancellationTokenSource timeout = _clock.LimitAfter(_timeout, cancellationToken);
        Uri target = uri;
        for (int hop = 0; ; hop++)
        {
            bool logging = _log.IsListening;
            if (logging)
            {
                _log.Verbose($"{method} {target}");
            }

            var stopwatch = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(method, target) { Content = form?.ToContent() };
            // Fixed, valid values: added as text, so no request parses (or allocates) them again.
            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            // .NET Framework would add "Expect: 100-continue" to each POST and hold its form back.
            request.Headers.ExpectContinue = false;
            if (authorization is not null)
            {
                request.Headers.Authorization = authorization;
            }

            try
            {
                using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (logging)
                    {
                        _log.Verbose($"HTTP {status} from {method} {target} after {stopwatch.ElapsedMilliseconds} ms: redirected");
                    }

                    target = FollowRedirect(method, status, target, location, hop);
                    continue;
                }

                string body = await ResponseBody.ReadAsync(response, target, MaxBodyBytes, timeout.Token).ConfigureAwait(false);
                if (logging)
                {
                    _log.Verbose($"HTTP {status} {ServerText.Excerpt(response.ReasonPhrase)} from {method} {target} after {stopwatch.ElapsedMilliseconds} ms");
                }

                TimeSpan? retryAfter = RetryPolicy.ReadRetryAfter(response.Headers, DateTimeOffset.UtcNow);
                return new ApiResponse(status, body, retryAfter);
            }
            catch (Exception ex) when (timeout.IsCancellationRequested && ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new PoolApiException(PoolErrorKind.Timeout, $"The POOL API did not answer {method} {target} within {_timeout.TotalSeconds:0.#} seconds.");
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                // Only the exception's own text goes out: it names the host and the failure, never headers.
                throw new PoolApiException(PoolErrorKind.Network, NetworkFailure.Describe(target, Proxy, ex), innerException: ex);
            }
        }
    }

    private Uri FollowRedirect(HttpMethod method, int status, Uri from, Uri location, int hop)
    {
        if (method != HttpMethod.Get && status is not (307 or 308))
        {
            throw new PoolApiException(
                PoolErrorKind.Redirected,
                $"The POOL API answered {method} {from.AbsolutePath} with HTTP {status}, a redirect that would drop the form it was sent; only 307 and 308 keep it. Check the session's ApiBaseUri (it may need https:// or a trailing path).",
                status);
        }

        Uri next = location.IsAbsoluteUri ? location : new Uri(from, location);
        if (!ApiAddress.IsSameOrigin(next, _baseUri))
        {
            throw new PoolApiException(
                PoolErrorKind.Redirected,
                $"The POOL API redirected {from.AbsolutePath} to another address ({next.GetLeftPart(UriPartial.Authority)}); credentials are only ever sent to the configured API address {_baseUri.GetLeftPart(UriPartial.Authority)}.");
        }

        if (hop + 1 >= MaxRedirects)
        {
            throw new PoolApiException(PoolErrorKind.Redirected, $"The POOL API redirected {from.AbsolutePath} more than {MaxRedirects} times.");
        }

        return next;
    }
}
