using System.Net;
using PromoOnly.Probing;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Probing;

/// <summary>
/// Which mirror wins, on a clock the test moves: each mirror "takes" its latency by advancing the
/// fake clock while it answers, and one probe runs at a time, so every figure is exact and no
/// ranking depends on how busy the machine is.
/// </summary>
public class MirrorRankingTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public async Task FastestIsTheReachableMirrorWithTheLowestLatency()
    {
        MirrorRanking ranking = Ranking(new() { ["gone.example"] = null, ["slow.example"] = 150, ["fast.example"] = 10, ["mid.example"] = 60 });

        DownloadServer? fastest = await ranking.FastestAsync(Servers("gone.example", "slow.example", "fast.example", "mid.example"), CancellationToken.None);

        Assert.Equal("fast.example", fastest?.Host);
        Assert.Equal(10, fastest?.LatencyMs);
        Assert.True(fastest?.Reachable);
    }

    [Fact]
    public async Task EachMirrorReportsItsOwnMedianAndADeadOneNoLatency()
    {
        MirrorRanking ranking = Ranking(new() { ["slow.example"] = 150, ["fast.example"] = 10, ["mid.example"] = 60, ["gone.example"] = null });

        DownloadServer[] measured = await Task.WhenAll(Servers("slow.example", "fast.example", "mid.example", "gone.example").Select(s => ranking.MeasureAsync(s, CancellationToken.None)));

        Assert.Equal(new double?[] { 150, 10, 60, null }, measured.Select(s => s.LatencyMs));
        Assert.Equal(new bool?[] { true, true, true, false }, measured.Select(s => s.Reachable));
    }

    [Fact]
    public async Task NoMirrorAnsweringMeansNoFastest()
    {
        MirrorRanking ranking = Ranking(new() { ["down1.example"] = null, ["down2.example"] = null });

        Assert.Null(await ranking.FastestAsync(Servers("down1.example", "down2.example"), CancellationToken.None));
    }

    [Fact]
    public async Task OneSlowAnswerDoesNotMakeAFastMirrorLose()
    {
        // fast answers in 10, 900 and 11 ms (one hiccup), steady in 40 ms every time: the median keeps fast first.
        var fastSamples = new Queue<double>(new double[] { 10, 900, 11 });
        var handler = new StubHandler(request =>
        {
            _clock.Advance(TimeSpan.FromMilliseconds(request.RequestUri!.Host == "fast.example" ? fastSamples.Dequeue() : 40));
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var ranking = new MirrorRanking(new MirrorProber(new HttpClient(handler), "test", _clock), new ProbeCache(1), 3, TimeSpan.FromSeconds(5), DateTime.MinValue, new RecordingLog());

        DownloadServer? fastest = await ranking.FastestAsync(Servers("steady.example", "fast.example"), CancellationToken.None);

        Assert.Equal("fast.example", fastest?.Host);
        Assert.Equal(11, fastest?.LatencyMs);
    }

    /// <summary>Mirrors answering in the given milliseconds (null: refusing connections), probed three times each, one probe at a time.</summary>
    private MirrorRanking Ranking(Dictionary<string, double?> latencies)
    {
        var handler = new StubHandler(request =>
        {
            double ms = latencies[request.RequestUri!.Host] ?? throw new HttpRequestException("Connection refused");
            _clock.Advance(TimeSpan.FromMilliseconds(ms));
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        return new MirrorRanking(new MirrorProber(new HttpClient(handler), "test", _clock), new ProbeCache(1), 3, TimeSpan.FromSeconds(5), DateTime.MinValue, new RecordingLog());
    }

    private static DownloadServer[] Servers(params string[] hosts) =>
        hosts.Select((host, i) => new DownloadServer(950001, 101 + i, host)).ToArray();
}
