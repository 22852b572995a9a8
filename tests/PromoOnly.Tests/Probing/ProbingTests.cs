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
        var cache = new ProbeCache(4);
        int probes = 0;
        var gate = new TaskCompletionSource<ProbeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<CancellationToken, Task<ProbeResult>> probe = _ => { Interlocked.Increment(ref probes); return gate.Task; };

        Task<ProbeResult>[] askers = Enumerable.Range(0, 50).Select(_ => cache.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None)).ToArray();
        gate.SetResult(ProbeResult.Answered("m.example", 12));
        await Task.WhenAll(askers);
        await cache.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None);

        Assert.Equal(1, probes);
    }

    [Fact]
    public async Task ForceAndExpiryMeasureAgain()
    {
        DateTime now = DateTime.UtcNow;
        var cache = new ProbeCache(4, () => now);
        int probes = 0;
        Func<CancellationToken, Task<ProbeResult>> probe = _ => { Interlocked.Increment(ref probes); return Task.FromResult(ProbeResult.Answered("m.example", 12)); };

        await cache.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None);
        await cache.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None);
        Assert.Equal(1, probes);

        await cache.GetAsync("m.example", DateTime.UtcNow.AddSeconds(1), probe, CancellationToken.None);
        Assert.Equal(2, probes);

        now += ProbeCache.AnsweredLifetime + TimeSpan.FromSeconds(1);
        await cache.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None);
        Assert.Equal(3, probes);
    }

    [Fact]
    public async Task AnUnreachableResultIsRememberedBrieflyNotForTenMinutes()
    {
        DateTime now = DateTime.UtcNow;
        var cache = new ProbeCache(4, () => now);
        int probes = 0;
        Func<CancellationToken, Task<ProbeResult>> probe = _ => { Interlocked.Increment(ref probes); return Task.FromResult(ProbeResult.Unreachable("m.example", "refused")); };

        await cache.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None);
        now += ProbeCache.UnreachableLifetime - TimeSpan.FromSeconds(1);
        await cache.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None);
        Assert.Equal(1, probes);

        now += TimeSpan.FromSeconds(2);
        await cache.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None);
        Assert.Equal(2, probes);
        Assert.True(ProbeCache.UnreachableLifetime < ProbeCache.AnsweredLifetime);
    }

    [Fact]
    public async Task AProbeNobodyWaitsForAnyMoreIsCancelled()
    {
        var cache = new ProbeCache(4);
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var ctrlC = new CancellationTokenSource();

        Task<ProbeResult> asker = cache.GetAsync("m.example", DateTime.MinValue, async abandoned =>
        {
            started.SetResult(abandoned);
            try
            {
                await Task.Delay(Timeout.Infinite, abandoned);
                return ProbeResult.Answered("m.example", 1);
            }
            finally
            {
                ended.SetResult(true);
            }
        }, ctrlC.Token);
        CancellationToken probeToken = await started.Task;
        ctrlC.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asker);
        await ended.Task;
        Assert.True(probeToken.IsCancellationRequested);
    }

    [Fact]
    public async Task AProbeAnotherCommandStillWaitsForRunsOn()
    {
        var cache = new ProbeCache(4);
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource<ProbeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var first = new CancellationTokenSource();
        Func<CancellationToken, Task<ProbeResult>> probe = abandoned => { started.TrySetResult(abandoned); return answer.Task; };

        Task<ProbeResult> stopped = cache.GetAsync("m.example", DateTime.MinValue, probe, first.Token);
        CancellationToken probeToken = await started.Task;
        Task<ProbeResult> waiting = cache.GetAsync("m.example", DateTime.MinValue, probe, CancellationToken.None);
        first.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);

        Assert.False(probeToken.IsCancellationRequested);
        answer.SetResult(ProbeResult.Answered("m.example", 7));
        Assert.Equal(7, (await waiting).LatencyMs);
    }

    [Fact]
    public async Task NoMoreThanTheProcessLimitOfProbesRunAtOnce()
    {
        var cache = new ProbeCache(3);
        int running = 0, highest = 0, startedCount = 0;
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var threeStarted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<CancellationToken, Task<ProbeResult>> probe = async _ =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref highest, now);
            if (Interlocked.Increment(ref startedCount) == 3)
            {
                threeStarted.SetResult(true);
            }

            await release.Task;
            Interlocked.Decrement(ref running);
            return ProbeResult.Answered("x", 1);
        };

        Task<ProbeResult>[] askers = Enumerable.Range(0, 40).Select(i => cache.GetAsync($"h{i}.example", DateTime.MinValue, probe, CancellationToken.None)).ToArray();
        await threeStarted.Task;

        // Forty hosts asked; three are being probed and the rest wait for a slot, not for a socket.
        Assert.Equal(3, Volatile.Read(ref startedCount));
        release.SetResult(true);
        await Task.WhenAll(askers);
        Assert.Equal(40, startedCount);
        Assert.Equal(3, highest);
    }

    [Fact]
    public async Task MeasuringLeavesTheInputObjectAsItWas()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var ranking = new MirrorRanking(new MirrorProber(new HttpClient(handler), "test"), new ProbeCache(4), 1, TimeSpan.FromSeconds(5), DateTime.MinValue, new RecordingLog());
        var input = new DownloadServer(5, 7, "m.example");

        DownloadServer measured = await ranking.MeasureAsync(input, CancellationToken.None);

        Assert.NotSame(input, measured);
        Assert.True(measured.Reachable);
        Assert.NotNull(measured.LatencyMs);
        Assert.Null(input.Reachable);
        Assert.Null(input.LatencyMs);
        Assert.Equal((5L, 7, "m.example"), (measured.TrackId, measured.Id, measured.Host));
    }

    [Fact]
    public async Task OnlyTheFirstSixteenServersOfATrackAreMeasured()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var log = new RecordingLog();
        var ranking = new MirrorRanking(new MirrorProber(new HttpClient(handler), "test"), new ProbeCache(4), 1, TimeSpan.FromSeconds(5), DateTime.MinValue, log);
        DownloadServer[] servers = Enumerable.Range(0, 900).Select(i => new DownloadServer(9, i, $"m{i}.example")).ToArray();

        DownloadServer? fastest = await ranking.FastestAsync(servers, CancellationToken.None);

        Assert.NotNull(fastest);
        Assert.Equal(MirrorRanking.MaxHostsPerTrack, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Matches(@"^http://m(\d|1[0-5])\.example/$", r.Uri.AbsoluteUri));
        Assert.Contains(log.Lines, l => l.Contains("lists 900 servers; only the first 16 are measured"));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
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
