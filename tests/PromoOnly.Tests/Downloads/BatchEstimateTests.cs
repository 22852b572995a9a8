using PromoOnly.Downloads;

namespace PromoOnly.Tests.Downloads;

/// <summary>The time left is the whole batch's, not only the bytes of the downloads in flight.</summary>
public class BatchEstimateTests
{
    private const long MB = 1024 * 1024;

    [Fact]
    public void CountsTheTracksNotStartedYetAtTheAverageSizeSeenSoFar()
    {
        // 10 tracks: 2 saved (1 MB each), 2 half done (of 1 MB), 6 not started; 1 MB/s.
        int? left = BatchEstimate.SecondsRemaining(10, 2, (2 * MB, 2), new[] { (MB / 2, MB), (MB / 2, MB) }, MB);

        Assert.Equal(7, left);
    }

    [Fact]
    public void IsTheInFlightRemainderForTheLastTracks()
    {
        int? left = BatchEstimate.SecondsRemaining(3, 2, (2 * MB, 2), new[] { (MB / 2, MB) }, MB / 2);

        Assert.Equal(1, left);
    }

    [Fact]
    public void IsUnknownWhileTheBatchSizeOrAFileSizeIsUnknown()
    {
        Assert.Null(BatchEstimate.SecondsRemaining(null, 2, (2 * MB, 2), new[] { (MB / 2, MB) }, MB));
        Assert.Null(BatchEstimate.SecondsRemaining(10, 2, (2 * MB, 2), new[] { (MB / 2, -1L) }, MB));
        Assert.Null(BatchEstimate.SecondsRemaining(10, 0, (0, 0), Array.Empty<(long, long)>(), MB));
        Assert.Null(BatchEstimate.SecondsRemaining(10, 2, (2 * MB, 2), new[] { (MB / 2, MB) }, 0));
    }

    [Fact]
    public void IsZeroWhenNothingIsLeft() =>
        Assert.Equal(0, BatchEstimate.SecondsRemaining(4, 4, (4 * MB, 4), Array.Empty<(long, long)>(), MB));
}
