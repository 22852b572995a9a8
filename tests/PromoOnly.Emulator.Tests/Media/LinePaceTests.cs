using PromoOnly.Emulator.Media;
using PromoOnly.Emulator.Options;

namespace PromoOnly.Emulator.Tests.Media;

/// <summary>--media-rate: the schedule that holds a media answer to a line's speed, on a clock the test gives.</summary>
public sealed class LinePaceTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void BytesAheadOfTheLineWaitUntilTheLineCouldHaveCarriedThem()
    {
        // 50 MiB/s: 5 MiB may leave after 100 ms, not before.
        Assert.Equal(TimeSpan.FromMilliseconds(100), LinePace.WaitAfter(5 * MiB, 50 * MiB, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(60), LinePace.WaitAfter(5 * MiB, 50 * MiB, TimeSpan.FromMilliseconds(40)));
    }

    [Fact]
    public void ALateTimerIsMadeUpByNotWaitingUntilTheScheduleIsCaughtUp()
    {
        Assert.Equal(TimeSpan.Zero, LinePace.WaitAfter(5 * MiB, 50 * MiB, TimeSpan.FromMilliseconds(100)));
        Assert.Equal(TimeSpan.Zero, LinePace.WaitAfter(5 * MiB, 50 * MiB, TimeSpan.FromMilliseconds(130)));
    }

    [Fact]
    public void TheSlowerOfTheTracksPaceAndTheLinesHolds()
    {
        Assert.Null(LinePace.For(0, 0));
        Assert.Equal(4 * MiB, LinePace.For(4 * MiB, 0)!.BytesPerSecond);
        Assert.Equal(50 * MiB, LinePace.For(0, 50 * MiB)!.BytesPerSecond);
        Assert.Equal(4 * MiB, LinePace.For(4 * MiB, 50 * MiB)!.BytesPerSecond);
        Assert.Equal(20 * MiB, LinePace.For(60 * MiB, 20 * MiB)!.BytesPerSecond);
    }

    [Theory]
    [InlineData("50", 50.0)]
    [InlineData("12.5", 12.5)]
    [InlineData("0", 0.0)]
    public void TheMediaRateOptionIsMiBPerSecond(string value, double expected)
    {
        Assert.Equal(expected, CommandLineParser.Parse(["--media-rate", value]).Options.MediaRateMiBPerSecond);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("fast")]
    [InlineData("NaN")]
    public void AMediaRateThatIsNoRateStopsStartUp(string value)
    {
        var error = Assert.Throws<CommandLineException>(() => CommandLineParser.Parse([$"--media-rate={value}"]));
        Assert.Contains("--media-rate", error.Message);
    }
}
