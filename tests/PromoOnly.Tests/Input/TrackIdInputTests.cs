using System;
using PromoOnly.Input;
using Xunit;

namespace PromoOnly.Tests.Input;

public class TrackIdInputTests
{
    private static object? Same(object? value) => value;

    [Theory]
    [InlineData("337865", 337865L)]
    [InlineData(" 337865\t", 337865L)]
    [InlineData("337865\r", 337865L)]
    [InlineData(337865, 337865L)]
    [InlineData(337865L, 337865L)]
    [InlineData(337865.0, 337865L)]
    public void ReadsOneIdFromTextOrNumbers(object value, long expected)
    {
        Assert.Equal(new[] { expected }, TrackIdInput.TryParseAll(value, Same, out string problem));
        Assert.Empty(problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void BlankLinesGiveNoIdAndNoError(string? line)
    {
        Assert.Empty(TrackIdInput.TryParseAll(line, Same, out string problem)!);
        Assert.Empty(problem);
    }

    [Fact]
    public void ACommaSeparatedPairIsRefusedWithHowToSplitIt()
    {
        Assert.Null(TrackIdInput.TryParseAll("337865,123402", Same, out string problem));
        Assert.Contains("'337865,123402' holds several values", problem);
        Assert.Contains("-split", problem);
    }

    [Theory]
    [InlineData(337865.5)]
    [InlineData("337865.5")]
    public void AFractionIsRefusedRatherThanRoundedToAnotherTrack(object value)
    {
        Assert.Null(TrackIdInput.TryParseAll(value, Same, out string problem));
        Assert.Contains("'337865.5' is not a track id", problem);
        Assert.Contains("whole numbers", problem);
    }

    [Theory]
    [InlineData("0")]
    [InlineData(-5)]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("abc")]
    [InlineData("0x1F")]
    [InlineData("99999999999999999999999")]
    [InlineData(1e30)]
    public void AnythingButAPositiveWholeNumberIsRefused(object value)
    {
        Assert.Null(TrackIdInput.TryParseAll(value, Same, out string problem));
        Assert.Contains("is not a track id", problem);
    }

    [Fact]
    public void AListSkipsBlanksAndNamesTheItemThatIsWrong()
    {
        Assert.Equal(new[] { 337865L, 123402L }, TrackIdInput.TryParseAll(new object?[] { "337865", "", 123402 }, Same, out _));

        Assert.Null(TrackIdInput.TryParseAll(new object[] { "337865", "", "12x" }, Same, out string problem));
        Assert.StartsWith("Item 3: '12x'", problem);
    }

    [Fact]
    public void TextFromAFileIsQuotedOnOneLineAndCapped()
    {
        Assert.Null(TrackIdInput.TryParseAll("12\u001b[31m\n" + new string('x', 1000), Same, out string problem));
        Assert.DoesNotContain("\n", problem);
        Assert.True(problem.Length < 500, problem);
    }

    [Fact]
    public void OtherObjectsSayWhichPropertiesBind()
    {
        Assert.Null(TrackIdInput.TryParseAll(new Uri("http://x/"), Same, out string problem));
        Assert.Contains("TrackId", problem);
    }

    [Fact]
    public void OnlyTextNumbersAndListsOfThemAreReadByValue()
    {
        Assert.True(TrackIdInput.IsIdLike("337865", Same));
        Assert.True(TrackIdInput.IsIdLike(new object?[] { 1, "2", null, 3.0 }, Same));
        Assert.False(TrackIdInput.IsIdLike(new Uri("http://x/"), Same));
        Assert.False(TrackIdInput.IsIdLike(new object[] { 1, new Uri("http://x/") }, Same));
    }
}
