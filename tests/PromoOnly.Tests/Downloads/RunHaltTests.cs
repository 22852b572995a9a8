using PromoOnly.Client;
using PromoOnly.Downloads;

namespace PromoOnly.Tests.Downloads;

/// <summary>Save-PromoTrack's stop rule: what a halt does to tracks not started, in flight, and failing after it.</summary>
public class RunHaltTests
{
    private static readonly TrackDownload Saved = new(200011, "Artist", "Title", "Mix", "/music/t.mp3", 10, new string('0', 64), TrackDownloadStatus.Saved);

    [Fact]
    public async Task BeforeAHaltEveryTrackIsSavedAndReported()
    {
        using var halt = new RunHalt();

        Outcome<TrackDownload> outcome = await halt.SaveUnlessHaltedAsync((id, _) => Task.FromResult(Outcome<TrackDownload>.Found(id, Saved)), 200011, CancellationToken.None);

        Assert.Same(Saved, outcome.Value);
        Assert.False(RunHalt.WasNotAttempted(outcome));
        Assert.Equal(RunHalt.Verdict.Report, halt.Fail(200012, PoolErrorKind.Network));
        Assert.Equal(RunHalt.Verdict.Report, halt.Fail(200013, PoolErrorKind.TrackNotFound));
    }

    [Fact]
    public async Task TheThirdTrackInARowWithTheApiDownHaltsTheRunAndEndsTheTracksInFlight()
    {
        using var halt = new RunHalt();
        var started = new TaskCompletionSource<bool>();
        Task<Outcome<TrackDownload>> inFlight = halt.SaveUnlessHaltedAsync(
            async (id, cancel) =>
            {
                started.SetResult(true);
                await Task.Delay(Timeout.Infinite, cancel);
                return Outcome<TrackDownload>.Found(id, Saved);
            },
            200020,
            CancellationToken.None);
        await started.Task;

        Assert.Equal(RunHalt.Verdict.Report, halt.Fail(200011, PoolErrorKind.Network));
        Assert.Equal(RunHalt.Verdict.Report, halt.Fail(200012, PoolErrorKind.Timeout));
        Assert.Equal(RunHalt.Verdict.ReportAndHalt, halt.Fail(200013, PoolErrorKind.ServiceUnavailable));

        Outcome<TrackDownload> stopped = await inFlight;
        Assert.True(RunHalt.WasNotAttempted(stopped));
        Assert.Equal(200020, stopped.Id);
        Assert.True(halt.Tally.Halted);
        Assert.Equal(3, halt.Tally.Failed);
    }

    [Fact]
    public async Task AfterAHaltNoTrackStartsAndFailuresOfTheSameCauseAreNotAttempted()
    {
        using var halt = new RunHalt();
        foreach (int id in new[] { 1, 2, 3 })
        {
            halt.Fail(id, PoolErrorKind.Network);
        }

        bool called = false;
        Outcome<TrackDownload> outcome = await halt.SaveUnlessHaltedAsync((id, _) => { called = true; return Task.FromResult(Outcome<TrackDownload>.Found(id, Saved)); }, 200030, CancellationToken.None);

        Assert.False(called);
        Assert.True(RunHalt.WasNotAttempted(outcome));
        Assert.Equal(RunHalt.Verdict.NotAttempted, halt.Fail(200031, PoolErrorKind.Timeout));
        Assert.Equal(RunHalt.Verdict.Report, halt.Fail(200032, PoolErrorKind.TrackNotFound));
        Assert.Equal(new long[] { 200031 }, halt.Tally.NotAttempted);
        Assert.Equal(4, halt.Tally.Failed);
    }

    [Fact]
    public async Task CtrlCIsACancellationNotAHalt()
    {
        using var halt = new RunHalt();
        using var ctrlC = new CancellationTokenSource();
        ctrlC.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => halt.SaveUnlessHaltedAsync(
            async (id, cancel) => { await Task.Delay(Timeout.Infinite, cancel); return Outcome<TrackDownload>.Found(id, Saved); }, 200040, ctrlC.Token));
        Assert.False(halt.Tally.Halted);
    }
}
