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
    [InlineData("[01]", "leading zero")]
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

    [Theory]
    [InlineData("{1:2}", "property name")]
    [InlineData("{\"a\":1,2:3}", "property name")]
    [InlineData("[1,,2]", "value")]
    [InlineData("[,1]", "value")]
    [InlineData("[0x1F]", "not a JSON value")]
    [InlineData("[.5]", "not a JSON value")]
    [InlineData("[+1]", "not a JSON value")]
    [InlineData("[-Infinity]", "not a JSON value")]
    [InlineData("[undefined]", "not a JSON value")]
    [InlineData("[new Date(1)]", "not a JSON value")]
    [InlineData("[1,\u00a02]", "U+00A0")]
    [InlineData("{\"a\":1]", "structure breaks")]
    [InlineData("{\"a\" 1}", "structure breaks")]
    [InlineData("[[]", "before every bracket is closed")]
    [InlineData("[]]", "after the JSON value")]
    [InlineData("]", "closes nothing")]
    [InlineData("\"a\" \"b\"", "after the JSON value")]
    [InlineData("[\"\\u12\"]", "escape")]
    [InlineData("[\"a\\", "ends inside a string")]
    public void WhatNewtonsoftWouldAcceptBeyondRfc8259IsRefusedToo(string text, string reason)
    {
        Assert.Null(StrictJson.TryParse(text, out string problem));
        Assert.Contains(reason, problem);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1e309")]
    public void ANumberNoDoubleHoldsIsOneNullField(string number) => AssertNullField(number);

    [Fact]
    public void AnIntegerOfFourHundredDigitsIsOneNullField() => AssertNullField("1" + new string('0', 400));

    [Fact]
    public void EscapesAndNumbersOfEveryLegalSpellingAreRead()
    {
        const string text = @"[""\u00e9\/\b\f\n\r\t\""\\"", 0, -0, 1.5e-3, 2E+2, 1e300]";
        var answer = (JArray)StrictJson.TryParse(text, out string problem)!;

        Assert.Equal(string.Empty, problem);
        Assert.Equal("\u00e9/\b\f\n\r\t\"\\", (string?)answer[0]);
        Assert.Equal(6, answer.Count);
        Assert.Equal(1e300, (double)answer[5]);
    }

    private static void AssertNullField(string number)
    {
        var answer = (JObject)StrictJson.TryParse("{\"bpm\":" + number + ",\"title\":\"Roar\"}", out string problem)!;

        Assert.Equal(string.Empty, problem);
        Assert.Equal(JTokenType.Null, answer["bpm"]!.Type);
        Assert.Equal("Roar", (string?)answer["title"]);
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
