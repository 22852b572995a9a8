using PromoOnly.Client;

namespace PromoOnly.Tests.Client;

public class ServerMessageTests
{
    [Theory]
    [InlineData("{\"result\":\"Invalid email and password combination.\"}", "Invalid email and password combination.")]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>", "<html><body><h1>502 Bad Gateway</h1></body></html>")]
    [InlineData("{\"error\":\"x\"}", "{\"error\":\"x\"}")]
    [InlineData("{\"result\":\"\\u001b[31mred\\u202E\"}", "[31mred")]
    [InlineData("", null)]
    public void ServerMessagePrefersTheResultText(string body, string? expected) =>
        Assert.Equal(expected, ServerMessage.OfBody(body));

    [Fact]
    public void AMessageObjectWithoutResultTextHasNoMessage() =>
        Assert.Null(ServerMessage.Of(Newtonsoft.Json.Linq.JObject.Parse("{\"result\":5}")));
}
