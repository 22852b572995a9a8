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
    /// <summary>
    /// How long a pooled connection is reused. A session can run for days; without a limit a
    /// connection opened before a DNS change (a failover of the API) would be used for ever.
    /// </summary>
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long opening a connection (TCP, then TLS) may take, whatever -TimeoutSec allows the
    /// answer: a mirror that drops packets, or stays silent in the TLS handshake, costs this much
    /// and not a whole request timeout. (.NET Framework's handler has no such setting.)
    /// </summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

#if !NET
    // The highest -ThrottleLimit; .NET (Core) pools without a limit already.
    private const int MaxConnectionsPerHost = 64;

    /// <summary>True on .NET Framework (Windows PowerShell), false on Mono and .NET (Core).</summary>
    internal static readonly bool IsNetFramework = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    // SocketsHttpHandler exists from .NET Core 2.1 on, but not in netstandard2.0's surface: the
    // netstandard2.0 build finds it at run time when PowerShell 7.0-7.3 loads it.
    private static readonly Type? SocketsHandlerType = Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);
#endif

    private static readonly Lazy<HttpClient> SharedClient = new(() => Create(proxy: null), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentDictionary<string, (HttpClient Client, WebProxy Proxy, SecretMasker Secrets)> ProxiedClients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Honours the system proxy and, on PowerShell 7, HTTP_PROXY / HTTPS_PROXY / NO_PROXY.</summary>
    public static HttpClient Client => SharedClient.Value;

    /// <summary>A client that sends every request, token calls included, through <paramref name="proxy"/>.</summary>
    public static HttpClient ForProxy(Uri proxy, NetworkCredential? credential)
    {
        string key = proxy.AbsoluteUri + "|" + credential?.UserName;
        var entry = ProxiedClients.GetOrAdd(key, _ =>
        {
            var webProxy = new WebProxy(proxy) { Credentials = credential };
            var secrets = new SecretMasker();

            // The proxy's password lives as long as its client, the process: so does its masking.
            LiveSecrets.Register(secrets);
            return (Create(webProxy), webProxy, secrets);
        });

        // Same proxy and user, new password: the proxy reads its credentials per request.
        if (credential is not null)
        {
            entry.Proxy.Credentials = credential;

            // Basic proxy authentication sends base64 of user:password; a proxy's error page may quote it.
            entry.Secrets.Clear();
            entry.Secrets.AddApiCredential(SecureText.FromPlainText(credential.UserName), credential.SecurePassword);
        }

        return entry.Client;
    }

    /// <summary>
    /// On .NET Framework connection lifetime is a property of the endpoint's ServicePoint, not of
    /// the handler, so every address the module talks to is registered here once per client.
    /// </summary>
    public static void RecycleConnectionsTo(Uri address)
    {
#if !NET
        if (IsNetFramework)
        {
            ServicePointManager.FindServicePoint(address).ConnectionLeaseTimeout = (int)ConnectionLifetime.TotalMilliseconds;
        }
#endif
    }

    private static HttpClient Create(IWebProxy? proxy) =>
        // Per-request limits come from each call's CancellationToken; a global timeout would fight them.
        new(CreateHandler(proxy), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// Redirects are followed by PoolApiClient itself, so it can refuse to carry credentials to any
    /// address but the configured API; cookies are never kept. Nothing is decompressed here: a
    /// handler that decompresses also asks every host for gzip, and media must arrive as sent
    /// (ResponseBody unpacks the API's gzip answers itself). On PowerShell 7 the handler is a
    /// SocketsHttpHandler, the only one with PooledConnectionLifetime.
    /// </summary>
    internal static HttpMessageHandler CreateHandler(IWebProxy? proxy)
    {
#if NET
        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = ConnectionLifetime,
            ConnectTimeout = ConnectTimeout,
        };

        // Judges as .NET does, and remembers which hosts showed a certificate (https first for media).
        sockets.SslOptions.RemoteCertificateValidationCallback = CertificateWitness.ForSocketsHandler;
        if (proxy is not null)
        {
            sockets.Proxy = proxy;
            sockets.UseProxy = true;
        }

        return sockets;
#else
        if (!IsNetFramework && SocketsHandlerType is not null && Activator.CreateInstance(SocketsHandlerType) is HttpMessageHandler sockets)
        {
            Set(sockets, "AllowAutoRedirect", false);
            Set(sockets, "UseCookies", false);
            Set(sockets, "PooledConnectionLifetime", ConnectionLifetime);
            Set(sockets, "ConnectTimeout", ConnectTimeout);
            if (sockets.GetType().GetProperty("SslOptions")?.GetValue(sockets) is { } ssl)
            {
                Set(ssl, "RemoteCertificateValidationCallback", CertificateWitness.ForSocketsHandler);
            }

            if (proxy is not null)
            {
                Set(sockets, "Proxy", proxy);
                Set(sockets, "UseProxy", true);
            }

            return sockets;
        }

        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (proxy is not null)
        {
            handler.Proxy = proxy;
            handler.UseProxy = true;
        }

        try
        {
            handler.ServerCertificateCustomValidationCallback = CertificateWitness.ForClientHandler;
        }
        catch (PlatformNotSupportedException)
        {
            // .NET Framework before 4.7.1: a refused certificate still shows as WebExceptionStatus.TrustFailure.
        }

        if (IsNetFramework)
        {
            PrepareWindowsPowerShell(handler);
        }

        return handler;
#endif
    }

#if !NET
    private static void Set(object target, string property, object value) =>
        target.GetType().GetProperty(property)!.SetValue(target, value);

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
#endif
}
