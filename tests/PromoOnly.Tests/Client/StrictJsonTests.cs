using Newtonsoft.Json.Linq;
using PromoOnly.Client;

namespace PromoOnly.Tests.Client;

public class StrictJsonTests
{
    [Theory]
    [InlineData("{\"token\":\"valid\"}")]
    [InlineData(" [ 1, -0.5e+3, true, false, null, \"a\\u00e9\\n\\\"\" , {} , [] ] ")]
    [InlineData("{\"a\":{\"b\":[{\"c\":1}]}}")]
    public void StrictJsonIsRead(string text)
    {
        Assert.NotNull(StrictJson.TryParse(text, out string problem));
        Assert.Equal(string.Empty, problem);
    }

    [Theory]
    [InlineData("{\"token\":\"invalid\",\"token\":\"valid\"}", "twice")]
    [InlineData("{\"token\":\"invalid\",\"\\u0074oken\":\"valid\"}", "twice")]
    [InlineData("{'token':'valid'}", "property name")]
    [InlineData("{token:\"valid\"}", "property name")]
    [InlineData("{\"token\":\"valid\",}", "property name")]
    [InlineData("[1,2,]", "value")]
    [InlineData("[1 2]", "','")]
    [InlineData("{\"a\":1} /* c */", "after the JSON value")]
    [InlineData("[NaN]", "value")]
    [InlineData("[01]", "','")]
    [InlineData("[1.]", "digit")]
    [InlineData("[\"tab\there\"]", "control character")]
    [InlineData("[\"\\x41\"]", "escape")]
    [InlineData("[\"open", "ends inside a string")]
    [InlineData("", "empty")]
    public void LooseOrAmbiguousJsonIsRefusedWithAReason(string text, string reason)
    {
        Assert.Null(StrictJson.TryParse(text, out string problem));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void DeepNestingIsRefusedBeforeTheStackSuffers()
    {
        string deep = new string('[', 10_000) + new string(']', 10_000);

        Assert.Null(StrictJson.TryParse(deep, out string problem));
        Assert.Contains("deeper", problem);
    }

    [Fact]
    public void ADuplicatedTokenFieldIsNotAValidation()
    {
        Assert.Null(StrictJson.TryParseObject("{\"token\":\"invalid\",\"token\":\"valid\"}"));
        Assert.Equal("valid", StrictJson.StringOf((JObject)StrictJson.TryParse("{\"token\":\"valid\"}", out _)!, "token"));
    }
}
