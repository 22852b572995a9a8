using PromoOnly.Client;
using PromoOnly.Downloads;

namespace PromoOnly.Tests.Downloads;

/// <summary>When Save-PromoTrack stops trying, and the line it ends a run with at the prompt.</summary>
public class RunTallyTests
{
    [Fact]
    public void StopsAfterThreeTracksInARowFoundTheApiDown()
    {
        var tally = new RunTally();

        Assert.False(tally.AddFailed(PoolErrorKind.Network));
        Assert.False(tally.AddFailed(PoolErrorKind.Timeout));
        Assert.True(tally.AddFailed(PoolErrorKind.ServiceUnavailable));

        Assert.True(tally.Halted);
        Assert.Equal(PoolErrorKind.ServiceUnavailable, tally.HaltedBy);
        Assert.False(tally.AddFailed(PoolErrorKind.Network), "the stop is reported once");
    }

    [Theory]
    [InlineData("TrackNotFound")]
    [InlineData("DownloadFailed")]
    [InlineData("WriteFailed")]
    public void AFailureOfOneTrackAloneStartsTheCountAgain(string trackOnly)
    {
        var tally = new RunTally();

        tally.AddFailed(PoolErrorKind.Network);
        tally.AddFailed(PoolErrorKind.Network);
        tally.AddFailed((PoolErrorKind)Enum.Parse(typeof(PoolErrorKind), trackOnly));
        tally.AddFailed(PoolErrorKind.Network);

        Assert.False(tally.AddFailed(PoolErrorKind.Network));
        Assert.False(tally.Halted);
    }

    [Fact]
    public void ASavedTrackStartsTheCountAgainButASkippedOneSentNothing()
    {
        var tally = new RunTally();

        tally.AddFailed(PoolErrorKind.Network);
        tally.AddFailed(PoolErrorKind.Network);
        tally.AddSaved(skipped: true);
        Assert.True(tally.AddFailed(PoolErrorKind.Network));

        var other = new RunTally();
        other.AddFailed(PoolErrorKind.Network);
        other.AddFailed(PoolErrorKind.Network);
        other.AddSaved(skipped: false);
        Assert.False(other.AddFailed(PoolErrorKind.Network));
    }

    [Fact]
    public void SummarisesARunInOneSentence()
    {
        var tally = new RunTally();
        tally.AddSaved(skipped: false);
        tally.AddSaved(skipped: false);
        tally.AddSaved(skipped: true);
        tally.AddFailed(PoolErrorKind.TrackNotFound);

        Assert.Equal("Save-PromoTrack: 2 saved, 1 skipped, 1 failed in '/music'.", tally.Summary("/music", partialsKept: 0, stopped: false));
        Assert.Equal(4, tally.Handled);
    }

    [Fact]
    public void SaysAfterCtrlCThatPartialFilesWereKeptAndWhatWasNotAttempted()
    {
        var tally = new RunTally();
        tally.AddSaved(skipped: false);
        tally.AddNotAttempted(5);
        tally.AddNotAttempted(6);

        Assert.Equal(
            "Save-PromoTrack stopped: 1 saved, 0 skipped, 0 failed, 2 not attempted in '/music'; 3 partial files kept, which the next run continues.",
            tally.Summary("/music", partialsKept: 3, stopped: true));
        Assert.Equal(new long[] { 5, 6 }, tally.NotAttempted);
    }
}
