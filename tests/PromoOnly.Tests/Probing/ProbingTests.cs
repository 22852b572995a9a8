using System.Net;
using PromoOnly.Probing;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Probing;

public class ProbingTests
{
    [Theory]
    [InlineData(new[] { 5.0 }, 5.0)]
    [InlineData(new[] { 30.0, 10.0, 20.0 }, 20.0)]
    [InlineData(new[] { 40.0, 10.0, 20.0, 30.0 }, 25.0)]
    [InlineData(new[] { 10.0, 900.0, 11.0 }, 11.0)]
    public void MedianIgnoresOneSlowSample(double[] samples, double expected) =>
        Assert.Equal(expected, MirrorProber.Median(samples));

    [Fact]
    public async Task ProbesAreHeadRequestsWithoutCredentials()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.MethodNotAllowed));
        var prober = new MirrorProber(new HttpClient(handler), "test");

        ProbeResult result = await prober.ProbeAsync("127.0.0.1:8080", samples: 3, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(result.Reachable);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal("http://127.0.0.1:8080/", r.Uri.AbsoluteUri);
            Assert.Null(r.Authorization);
        });
    }

    [Fact]
    public async Task AnInvalidHostIsNeverContacted()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var prober = new MirrorProber(new HttpClient(handler), "test");

        ProbeResult result = await prober.ProbeAsync("user@evil.example", 3, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.False(result.Reachable);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task RefusedAndSilentHostsAreUnreachableNotErrors()
    {
        var refused = new MirrorProber(new HttpClient(new StubHandler(_ => throw new HttpRequestException("Connection refused"))), "test");
        var silent = new MirrorProber(new HttpClient(new HangingHandler()), "test");

        ProbeResult a = await refused.ProbeAsync("a.example", 3, TimeSpan.FromSeconds(5), CancellationToken.None);
        ProbeResult b = await silent.ProbeAsync("b.example", 3, TimeSpan.FromMilliseconds(100), CancellationToken.None);

        Assert.False(a.Reachable);
        Assert.Contains("Connection refused", a.Failure);
        Assert.False(b.Reachable);
        Assert.Contains("no answer", b.Failure);
    }

    [Fact]
    public async Task ConcurrentAskersShareOneProbeAndLaterOnesReuseIt()
    {
        var cache = new ProbeCache(TimeSpan.FromMinutes(10));
        int probes = 0;
        var gate = new TaskCompletionSource<ProbeResult>();
        Func<Task<ProbeResult>> probe = () => { Interlocked.Increment(ref probes); return gate.Task; };

        Task<ProbeResult>[] askers = Enumerable.Range(0, 50).Select(_ => cache.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None)).ToArray();
        gate.SetResult(ProbeResult.Answered("m.example", 12));
        await Task.WhenAll(askers);
        await cache.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None);

        Assert.Equal(1, probes);
    }

    [Fact]
    public async Task ForceAndExpiryMeasureAgain()
    {
        var fresh = new ProbeCache(TimeSpan.FromMinutes(10));
        var expired = new ProbeCache(TimeSpan.Zero);
        int probes = 0;
        Func<Task<ProbeResult>> probe = () => { Interlocked.Increment(ref probes); return Task.FromResult(ProbeResult.Answered("m.example", 12)); };

        await fresh.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None);
        await fresh.GetAsync("m.example", DateTime.UtcNow.AddSeconds(1), probe, CancellationToken.None);
        await expired.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None);
        await expired.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None);

        Assert.Equal(4, probes);
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage();
        }
    }
}
