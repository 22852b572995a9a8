using System.Net;
using PromoOnly.Client;

namespace PromoOnly.Tests.Client;

/// <summary>Retry-After as HttpClient hands it over: parsed by the framework, clamped and completed by the policy.</summary>
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
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Read(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("12abc")]
    [InlineData("2026-11-27T12:00:30Z")]
    public void GarbageIsIgnored(string? value) => Assert.Null(Read(value));

    [Theory]
    [InlineData("99999999999999999999999999")]
    [InlineData("12345678901234567890123456789012345")]
    [InlineData("864000")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    public void HugeWaitsCountAsTooLongNotAsAbsent(string value) =>
        Assert.Equal(RetryPolicy.LongestRetryAfter, Read(value));

    private static TimeSpan? Read(string? value)
    {
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        if (value is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", value);
        }

        return RetryPolicy.ReadRetryAfter(response.Headers, Now);
    }
}
