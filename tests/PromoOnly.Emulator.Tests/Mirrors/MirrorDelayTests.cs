using System.Diagnostics;
using PromoOnly.Emulator;
using PromoOnly.Emulator.Mirrors;
using PromoOnly.Emulator.Options;

namespace PromoOnly.Emulator.Tests.Mirrors;

/// <summary>
/// A mirror answers no sooner than its delay as a client's Stopwatch measures it: probes rank
/// mirrors by that clock, and tests check a probe's latency against the delay as a lower bound.
/// </summary>
public sealed class MirrorDelayTests : IAsyncLifetime
{
    private const int DelayMs = 7;

    private RunningEmulator _emulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { Urls = "http://127.0.0.1:0" };
        options.Mirrors.Add(new MirrorSpec("paced", DelayMs));
        _emulator = await EmulatorServer.StartAsync(options);
        _http = new HttpClient { BaseAddress = new Uri($"http://{_emulator.GetMirrors()[0].Host}/") };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task EveryAnswerTakesAtLeastTheDelay()
    {
        (await _http.GetAsync("warm-up")).EnsureSuccessStatusCode();

        var early = new List<double>();
        for (int i = 0; i < 100; i++)
        {
            long sent = Stopwatch.GetTimestamp();
            using HttpResponseMessage answer = await _http.GetAsync("probe", HttpCompletionOption.ResponseHeadersRead);
            double took = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            answer.EnsureSuccessStatusCode();
            if (took < DelayMs)
            {
                early.Add(took);
            }
        }

        Assert.True(early.Count == 0, $"answered before its {DelayMs} ms delay: {string.Join(", ", early.Select(ms => $"{ms:F2} ms"))}");
    }
}
