using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

/// <summary>
/// What Save-PromoTrack decides per input id before any request: a repeat is ignored, a track the
/// folder's record shows saved is skipped, a missing folder is created only for a real download, and
/// the success signals owed for other tracks of the folder are the ones this run did not meet.
/// </summary>
public sealed class SaveRunTests : IDisposable
{
    private readonly string _parent = TestFolder.Create("promo-run-");
    private readonly HttpClient _http = new(new StubHandler(_ => throw new InvalidOperationException("no request is expected")));
    private int _opened;

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_parent, recursive: true);
    }

    [Fact]
    public async Task AMissingFolderIsCreatedOnlyWhenTheFirstTrackIsStarted()
    {
        string folder = Path.Combine(_parent, "new", "deeper");
        var run = new SaveRun(folder, await OpenerAsync());

        Assert.Equal(SaveRun.Admission.Download, run.Admit(337865, out _));
        Assert.False(Directory.Exists(folder));
        Assert.Null(run.Downloader);
        Assert.Empty(run.OwedElsewhere());

        TrackDownloader downloader = run.Start(337865);

        Assert.True(Directory.Exists(folder));
        Assert.Same(downloader, run.Downloader);
        Assert.Equal(1, _opened);
    }

    [Fact]
    public async Task AnIdInFlightIsARepeatUntilItsResultIsWritten()
    {
        var run = new SaveRun(_parent, await OpenerAsync());

        Assert.Equal(SaveRun.Admission.Download, run.Admit(1, out _));
        run.Start(1);
        Assert.Equal(SaveRun.Admission.Repeat, run.Admit(1, out _));
        Assert.Equal(SaveRun.Admission.Download, run.Admit(2, out _));
        run.Start(2);
        Assert.Equal(SaveRun.Admission.Repeat, run.Admit(1, out _));

        run.Finished(1);

        Assert.Equal(SaveRun.Admission.Download, run.Admit(1, out _));
        Assert.Equal(1, _opened);
    }

    [Fact]
    public async Task TheSameIdTwiceInARowIsARepeatEvenWhenWhatIfStartedNothing()
    {
        var run = new SaveRun(_parent, await OpenerAsync());

        Assert.Equal(SaveRun.Admission.Download, run.Admit(7, out _));
        Assert.Equal(SaveRun.Admission.Repeat, run.Admit(7, out _));
    }

    [Fact]
    public async Task ATrackTheRecordShowsSavedIsSkippedWithItsFile()
    {
        File.WriteAllBytes(Path.Combine(_parent, "roar.mp3"), new byte[3]);
        new DownloadRecord(_parent).Add(new RecordEntry(5, "roar.mp3", 3, "00", DateTime.UtcNow) { Title = "Roar", Acknowledged = true });
        var run = new SaveRun(_parent, await OpenerAsync());

        Assert.Equal(SaveRun.Admission.Skip, run.Admit(5, out TrackDownload? skipped));

        Assert.Equal("roar.mp3", skipped!.Name);
        Assert.Equal(3, skipped.Length);
    }

    [Fact]
    public async Task OwedSignalsAreTheRecordsPendingTracksThisRunDidNotMeet()
    {
        var record = new DownloadRecord(_parent);
        foreach (long id in new long[] { 11, 12, 13 })
        {
            File.WriteAllBytes(Path.Combine(_parent, $"{id}.mp3"), new byte[1]);
            record.Add(new RecordEntry(id, $"{id}.mp3", 1, "00", DateTime.UtcNow).WithSignal(false, new PendingSignal(201, $"dl-{id}")));
        }

        var run = new SaveRun(_parent, await OpenerAsync());
        run.Admit(12, out _);

        Assert.Equal(new long[] { 11, 13 }, run.OwedElsewhere().Select(e => e.TrackId).OrderBy(id => id));
    }

    private async Task<Func<string, TrackDownloader>> OpenerAsync()
    {
        var client = new PoolApiClient(_http, new Uri("http://127.0.0.1:9/"), "test", TimeSpan.FromSeconds(5), new RecordingLog());
        PromoOnlySession session = (await SessionOpener.WithTokenAsync(client, 1, Secure.From("8b26e1e4f3f5e00a888807e605565c47"), validate: false, CancellationToken.None))!;
        return folder =>
        {
            _opened++;
            return new TrackDownloader(session, client, new RetryPolicy(0), new BackoffGate(new FakeClock()), new RecordingLog(), ranking: null,
                new MediaTransfer(_http, "test", TimeSpan.FromSeconds(5)), folder, force: false);
        };
    }
}
