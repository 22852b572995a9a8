using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Threading;

namespace PromoOnly.Client;

/// <summary>
/// The process's HttpClients: one shared client for the default (system or environment) proxy, and
/// one per explicit proxy a session asked for. Reuse keeps connections pooled across cmdlet calls and
/// runspaces; a client per call would exhaust sockets under automation loads.
/// </summary>
internal static class PoolHttp
{
    // The highest -ThrottleLimit; .NET (Core) pools without a limit already.
    private const int MaxConnectionsPerHost = 64;

    private static readonly Lazy<HttpClient> SharedClient = new(() => Create(proxy: null), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentDictionary<string, (HttpClient Client, WebProxy Proxy)> ProxiedClients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Honours the system proxy and, on PowerShell 7, HTTP_PROXY / HTTPS_PROXY / NO_PROXY.</summary>
    public static HttpClient Client => SharedClient.Value;

    /// <summary>A client that sends every request, token calls included, through <paramref name="proxy"/>.</summary>
    public static HttpClient ForProxy(Uri proxy, NetworkCredential? credential)
    {
        string key = proxy.AbsoluteUri + "|" + credential?.UserName;
        var entry = ProxiedClients.GetOrAdd(key, _ =>
        {
            var webProxy = new WebProxy(proxy) { Credentials = credential };
            return (Create(webProxy), webProxy);
        });

        // Same proxy and user, new password: the proxy reads its credentials per request.
        if (credential is not null)
        {
            entry.Proxy.Credentials = credential;
        }

        return entry.Client;
    }

    private static HttpClient Create(IWebProxy? proxy)
    {
        var handler = new HttpClientHandler
        {
            // Redirects are followed by PoolApiClient itself, so it can refuse to carry credentials
            // to any address but the configured API.
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
        if (proxy is not null)
        {
            handler.Proxy = proxy;
            handler.UseProxy = true;
        }

        if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
        {
            PrepareWindowsPowerShell(handler);
        }

        // Per-request limits come from each call's CancellationToken; a global timeout would fight them.
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Windows PowerShell 5.1 runs on .NET Framework, whose defaults would cap -ThrottleLimit at two
    /// connections per host and, on older releases, offer no TLS 1.2 to the API.
    /// </summary>
    private static void PrepareWindowsPowerShell(HttpClientHandler handler)
    {
        TlsProtocols.EnsureApiReachable();
        try
        {
            handler.MaxConnectionsPerServer = MaxConnectionsPerHost;
        }
        catch (PlatformNotSupportedException)
        {
            // .NET Framework before 4.7.1: the process-wide limit is the only knob.
            ServicePointManager.DefaultConnectionLimit = Math.Max(ServicePointManager.DefaultConnectionLimit, MaxConnectionsPerHost);
        }
    }
}
