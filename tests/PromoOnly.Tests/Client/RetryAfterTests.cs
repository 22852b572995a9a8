using PromoOnly.Client;

namespace PromoOnly.Tests.Client;

public class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData(" 120 ", 120)]
    [InlineData("Fri, 27 Nov 2026 12:00:30 GMT", 30)]
    [InlineData("Fri, 27 Nov 2026 11:59:00 GMT", 0)]
    public void ReadsSecondsAndHttpDates(string value, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryAfter.Parse(value, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("12abc")]
    [InlineData("2026-11-27T12:00:30Z")]
    public void GarbageIsIgnored(string? value) => Assert.Null(RetryAfter.Parse(value, Now));

    [Theory]
    [InlineData("99999999999999999999999999")]
    [InlineData("864000")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    public void HugeWaitsAreClampedNotOverflowed(string value) =>
        Assert.Equal(TimeSpan.FromDays(1), RetryAfter.Parse(value, Now));
}
