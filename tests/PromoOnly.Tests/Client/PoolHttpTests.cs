using System.Net;
using PromoOnly.Client;

namespace PromoOnly.Tests.Client;

/// <summary>The transport the module builds: SocketsHttpHandler on .NET (PowerShell 7), HttpClientHandler on .NET Framework.</summary>
public class PoolHttpTests
{
#if NETFRAMEWORK
    [Fact]
    public void RedirectsAndCookiesStayWithTheModule()
    {
        HttpMessageHandler handler = PoolHttp.CreateHandler(proxy: null);

        Assert.False((bool)handler.GetType().GetProperty("AllowAutoRedirect")!.GetValue(handler)!);
        Assert.False((bool)handler.GetType().GetProperty("UseCookies")!.GetValue(handler)!);
    }

    [Fact]
    public void OnDotNetFrameworkAnAddressKeepsItsConnectionsForTheLifetimeOnly()
    {
        // .NET Framework's HttpClientHandler pools per ServicePoint, so the lifetime is set there;
        // on any other runtime that loads the netstandard2.0 build, ServicePoints are left as they were.
        var address = new Uri("https://recycled.example/");
        int expected = PoolHttp.IsNetFramework ? (int)PoolHttp.ConnectionLifetime.TotalMilliseconds : Timeout.Infinite;

        PoolHttp.RecycleConnectionsTo(address);
        PoolHttp.RecycleConnectionsTo(address);

        Assert.Equal(expected, ServicePointManager.FindServicePoint(address).ConnectionLeaseTimeout);
    }
#else
    [Fact]
    public void PooledConnectionsAreRecycledSoDnsChangesAreSeen()
    {
        var handler = Assert.IsType<SocketsHttpHandler>(PoolHttp.CreateHandler(proxy: null));

        Assert.Equal(PoolHttp.ConnectionLifetime, handler.PooledConnectionLifetime);
        Assert.InRange(PoolHttp.ConnectionLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void RedirectsAndCookiesStayWithTheModule()
    {
        var handler = Assert.IsType<SocketsHttpHandler>(PoolHttp.CreateHandler(proxy: null));

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.True(handler.UseProxy);
        Assert.Null(handler.Proxy);
    }

    [Fact]
    public void OpeningAConnectionHasItsOwnShortLimit()
    {
        // Issue 16, point 13: a mirror that drops packets or stalls the TLS handshake costs this, not -TimeoutSec.
        var handler = Assert.IsType<SocketsHttpHandler>(PoolHttp.CreateHandler(proxy: null));

        Assert.Equal(PoolHttp.ConnectTimeout, handler.ConnectTimeout);
        Assert.InRange(PoolHttp.ConnectTimeout, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void NothingIsDecompressedByTheHandlerSoMediaArrivesAsSent()
    {
        var handler = Assert.IsType<SocketsHttpHandler>(PoolHttp.CreateHandler(proxy: null));

        Assert.Equal(DecompressionMethods.None, handler.AutomaticDecompression);
    }

    [Fact]
    public void AnExplicitProxyIsUsed()
    {
        var proxy = new WebProxy("http://proxy.example:8080");

        var handler = Assert.IsType<SocketsHttpHandler>(PoolHttp.CreateHandler(proxy));

        Assert.Same(proxy, handler.Proxy);
        Assert.True(handler.UseProxy);
    }
#endif
}
