using PromoOnly.Client;

namespace PromoOnly.Tests.Client;

public class ServerTextTests
{
    [Fact]
    public void ExcerptIsCappedAndMarked()
    {
        string excerpt = ServerText.Excerpt(new string('a', 5000));

        Assert.Equal(ServerText.MaxQuotedLength + 1, excerpt.Length);
        Assert.EndsWith("…", excerpt);
    }

    [Fact]
    public void LineBreaksAndControlCharactersCannotForgeLogLines()
    {
        Assert.Equal("first [31msecond third", ServerText.Excerpt("  first\r\n\u001b[31msecond\t\tthird\n"));
    }

    [Theory]
    [InlineData("{\"result\":\"Invalid email and password combination.\"}", "Invalid email and password combination.")]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>", "<html><body><h1>502 Bad Gateway</h1></body></html>")]
    [InlineData("{\"error\":\"x\"}", "{\"error\":\"x\"}")]
    [InlineData("", null)]
    public void ServerMessagePrefersTheResultText(string body, string? expected) =>
        Assert.Equal(expected, ResponseMessage.FromBody(body));
}
