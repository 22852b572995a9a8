using System.Net;
using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Probing;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

/// <summary>Issue 16, point 13: the work one track can cost is bounded, and left-out hosts make one error, not one each.</summary>
public class MirrorChoiceTests
{
    private static readonly MediaHostPolicy Live = new(new Uri("https://api.promoonly.com/"));

    private static QueuedTrack Parse(IEnumerable<string> hosts) =>
        QueueAnswerParser.Parse(5, "{\"dl_token\":\"t\",\"servers\":[" + string.Join(",", hosts.Select(h => Newtonsoft.Json.JsonConvert.ToString(h))) + "]}");

    /// <summary>A ranking whose probes reach only the hosts named (HEAD answered), every other host refusing.</summary>
    private static MirrorRanking Reaching(params string[] hosts) =>
        new(new MirrorProber(new HttpClient(new StubHandler(request => hosts.Contains(request.RequestUri!.Authority)
            ? new HttpResponseMessage(HttpStatusCode.OK)
            : throw new HttpRequestException("Connection refused"))), "test"), new ProbeCache(8), 1, TimeSpan.FromSeconds(5), DateTime.MinValue, new RecordingLog());

    [Fact]
    public async Task TenThousandUnusableHostsMakeOneErrorThatCountsThem()
    {
        var hosts = Enumerable.Range(1, 5000).Select(i => $"bad host {i}")
            .Concat(Enumerable.Range(1, 5000).Select(i => $"m{i}.elsewhere.example"))
            .Append("dc03.promoonly.com");
        var problems = new List<PoolApiException>();

        IReadOnlyList<QueuedServer> chosen = await new MirrorChoice(Live, null, new RecordingLog()).ChooseAsync(Parse(hosts), problems, CancellationToken.None);

        PoolApiException problem = Assert.Single(problems);
        Assert.Equal(PoolErrorKind.InvalidServerHost, problem.Kind);
        Assert.Contains("5,000 hosts that are not a plain DNS host name", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'bad host 1'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("5,000 hosts outside promoonly.com", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Message.Length < 1000, problem.Message);
        Assert.Equal("dc03.promoonly.com", Assert.Single(chosen).Host);
    }

    [Fact]
    public async Task AHostileListIsProbedOnlyAsFarAsTheCap()
    {
        int probes = 0;
        var ranking = new MirrorRanking(new MirrorProber(new HttpClient(new StubHandler(_ =>
        {
            Interlocked.Increment(ref probes);
            return new HttpResponseMessage(HttpStatusCode.OK);
        })), "test"), new ProbeCache(8), 1, TimeSpan.FromSeconds(5), DateTime.MinValue, new RecordingLog());
        var problems = new List<PoolApiException>();

        IReadOnlyList<QueuedServer> chosen = await new MirrorChoice(Live, ranking, new RecordingLog()).ChooseAsync(Parse(Enumerable.Range(1, 500).Select(i => $"m{i}.promoonly.com")), problems, CancellationToken.None);

        Assert.Equal(MirrorChoice.MaxProbed, probes);
        Assert.Equal(MirrorChoice.MaxTried, chosen.Count);
        Assert.Contains("436 more usable hosts beyond the first 64", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostsOutsideTheDomainAreSummarisedWithTheUsableOnesKept()
    {
        var problems = new List<PoolApiException>();

        IReadOnlyList<QueuedServer> chosen = await new MirrorChoice(Live, null, new RecordingLog()).ChooseAsync(
            Parse(new[] { "a.evil.example", "169.254.169.254", "dc03.promoonly.com", "b.evil.example" }), problems, CancellationToken.None);

        Assert.Equal("dc03.promoonly.com", Assert.Single(chosen).Host);
        PoolApiException problem = Assert.Single(problems);
        Assert.Contains("3 hosts outside promoonly.com", problem.Message, StringComparison.Ordinal);
        Assert.Contains("-TrustedMediaHost", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AtMostAFewMirrorsAreTriedTheReachableFirst()
    {
        // 40 hosts that do not answer, then the one that does: it goes first, and the dead are capped.
        var hosts = Enumerable.Range(1, 40).Select(i => $"m{i}.promoonly.com").Append("good.promoonly.com").ToArray();

        IReadOnlyList<QueuedServer> chosen = await new MirrorChoice(Live, Reaching("good.promoonly.com"), new RecordingLog()).ChooseAsync(Parse(hosts), null, CancellationToken.None);

        Assert.Equal(MirrorChoice.MaxTried, chosen.Count);
        Assert.Equal("good.promoonly.com", chosen[0].Host);
        Assert.Equal(new[] { "m1.promoonly.com", "m2.promoonly.com", "m3.promoonly.com", "m4.promoonly.com" }, chosen.Skip(1).Select(s => s.Host));
    }

    [Fact]
    public async Task TheBestFewByProbeComeFirstThenTheApisOrder()
    {
        var hosts = new[] { "a.promoonly.com", "b.promoonly.com", "c.promoonly.com", "d.promoonly.com", "e.promoonly.com", "f.promoonly.com", "g.promoonly.com" };

        IReadOnlyList<QueuedServer> chosen = await new MirrorChoice(Live, Reaching("c.promoonly.com", "e.promoonly.com", "f.promoonly.com", "g.promoonly.com"), new RecordingLog()).ChooseAsync(Parse(hosts), null, CancellationToken.None);

        // Three reachable ones (in probe order, whichever is fastest), then the API's order of the rest.
        Assert.Equal(MirrorChoice.MaxTried, chosen.Count);
        Assert.All(chosen.Take(MirrorChoice.BestByProbe), s => Assert.Contains(s.Host, new[] { "c.promoonly.com", "e.promoonly.com", "f.promoonly.com", "g.promoonly.com" }));
        string[] rest = hosts.Except(chosen.Take(MirrorChoice.BestByProbe).Select(s => s.Host)).Take(2).ToArray();
        Assert.Equal(rest, chosen.Skip(MirrorChoice.BestByProbe).Select(s => s.Host));
    }
}
