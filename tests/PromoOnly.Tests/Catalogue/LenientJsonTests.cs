using Newtonsoft.Json.Linq;
using PromoOnly.Catalogue;

namespace PromoOnly.Tests.Catalogue;

/// <summary>Each quirk of section 6's type drift, read by the same field readers.</summary>
public class LenientJsonTests
{
    private static JObject Field(string json) => JObject.Parse("{\"f\":" + json + "}");

    [Theory]
    [InlineData("128", 128L)]
    [InlineData("\"128\"", 128L)]
    [InlineData("\" 53719 \"", 53719L)]
    [InlineData("128.0", 128L)]
    public void NumbersArriveAsNumbersOrText(string json, long expected) =>
        Assert.Equal(expected, LenientJson.Long(Field(json), "f"));

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("[1]")]
    [InlineData("{}")]
    [InlineData("127.5")]
    [InlineData("\"99999999999999999999999\"")]
    public void UnreadableNumbersAreEmptyNotACrash(string json) =>
        Assert.Null(LenientJson.Long(Field(json), "f"));

    [Fact]
    public void MissingFieldsAreEmpty()
    {
        var empty = new JObject();
        Assert.Null(LenientJson.Long(empty, "id"));
        Assert.Null(LenientJson.Flag(empty, "downloaded"));
        Assert.Null(LenientJson.Date(empty, "date"));
        Assert.Null(LenientJson.Duration(empty, "duration"));
        Assert.Equal(string.Empty, LenientJson.Text(empty, "title"));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"True\"", true)]
    [InlineData("\"False\"", false)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    public void FlagsArriveAsNumbersTextOrBooleans(string json, bool expected) =>
        Assert.Equal(expected, LenientJson.Flag(Field(json), "f"));

    [Theory]
    [InlineData("\"maybe\"")]
    [InlineData("[]")]
    public void UnknownFlagsAreEmpty(string json) => Assert.Null(LenientJson.Flag(Field(json), "f"));

    [Fact]
    public void CalendarDatesHaveNoTimeZone()
    {
        DateTime? date = LenientJson.Date(Field("\"2020-03-06\""), "f");
        Assert.Equal(new DateTime(2020, 3, 6), date);
        Assert.Equal(DateTimeKind.Unspecified, date!.Value.Kind);
    }

    [Theory]
    [InlineData("\"1583517351\"")]
    [InlineData("1583517351")]
    public void UnixSecondsAsTextOrNumberAreUtc(string json)
    {
        DateTime? date = LenientJson.Date(Field(json), "f");
        Assert.Equal(new DateTime(2020, 3, 6, 17, 55, 51, DateTimeKind.Utc), date);
        Assert.Equal(DateTimeKind.Utc, date!.Value.Kind);
    }

    [Fact]
    public void DateTimesAsTextAreRead() =>
        Assert.Equal(new DateTime(2020, 3, 6, 10, 0, 0), LenientJson.Date(Field("\"2020-03-06 10:00:00\""), "f"));

    [Theory]
    [InlineData("\"06/03/2020\"")]
    [InlineData("\"-5\"")]
    [InlineData("99999999999999")]
    [InlineData("\"2020-13-45\"")]
    public void ImpossibleDatesAreEmpty(string json) => Assert.Null(LenientJson.Date(Field(json), "f"));

    [Theory]
    [InlineData("\"3:45\"", 225)]
    [InlineData("\"03:45\"", 225)]
    [InlineData("\"1:02:03\"", 3723)]
    [InlineData("225", 225)]
    [InlineData("\"0:07\"", 7)]
    public void DurationsAreMinutesAndSeconds(string json, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), LenientJson.Duration(Field(json), "f"));

    [Theory]
    [InlineData("\"3.45\"")]
    [InlineData("\"three\"")]
    [InlineData("\"1:2:3:4\"")]
    [InlineData("\":\"")]
    [InlineData("-3")]
    public void UnreadableDurationsAreEmpty(string json) => Assert.Null(LenientJson.Duration(Field(json), "f"));

    [Theory]
    [InlineData("\"https://images.example/a.jpg\"", true)]
    [InlineData("\"http://images.example/a.jpg\"", true)]
    [InlineData("\"javascript:alert(1)\"", false)]
    [InlineData("\"file:///etc/passwd\"", false)]
    [InlineData("\"/relative.jpg\"", false)]
    [InlineData("\"https://user:pw@images.example/a.jpg\"", false)]
    public void OnlyPlainWebAddressesAreKept(string json, bool kept) =>
        Assert.Equal(kept, LenientJson.HttpUri(Field(json), "f") is not null);

    [Fact]
    public void TheFirstPresentSpellingWins()
    {
        var entry = JObject.Parse("{\"release_name\":\"B\",\"release\":null}");
        Assert.Equal("B", LenientJson.Text(entry, "release", "release_name"));
    }
}
