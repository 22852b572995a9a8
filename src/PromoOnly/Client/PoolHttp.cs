using System;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace PromoOnly.Client;

/// <summary>
/// The process's single HttpClient. Sharing it keeps connections pooled across cmdlet calls and
/// runspaces; creating one per call exhausts sockets under automation loads.
/// </summary>
internal static class PoolHttp
{
    private static readonly Lazy<HttpClient> SharedClient = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static HttpClient Client => SharedClient.Value;

    private static HttpClient Create()
    {
        var handler = new HttpClientHandler
        {
            // Redirects are followed by PoolApiClient itself, so it can refuse to carry credentials
            // to any address but the configured API.
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };

        // Per-request limits come from each call's CancellationToken; a global timeout would fight them.
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
