using System.Security;
using PromoOnly.Client;
using PromoOnly.Tests.Support;

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
    [InlineData("\u001b[2J\u001b[Hcleared", "[2J [Hcleared")]
    [InlineData("C1\u009b31mred", "C1 31mred")]
    [InlineData("DEL\u007fhere", "DEL here")]
    [InlineData("evil\u202Etxt.exe", "eviltxt.exe")]
    [InlineData("\u2066isolated\u2069 \u202Aembedded\u202C", "isolated embedded")]
    [InlineData("zero\u200Bwidth\u200D\uFEFFjoin\u2060er", "zerowidthjoiner")]
    [InlineData("pair \uD83C\uDFB5 kept", "pair \uD83C\uDFB5 kept")]
    public void TerminalEscapesBidiOverridesAndInvisibleCharactersAreRemoved(string text, string expected) =>
        Assert.Equal(expected, ServerText.Excerpt(text));

    [Fact]
    public void ALoneSurrogateBecomesAReplacementCharacter() =>
        Assert.Equal("lone \uFFFD surrogate", ServerText.Excerpt("lone \uD800 surrogate"));

    [Fact]
    public void ExceptionTextIsTheInnermostCauseCleaned()
    {
        var ex = new HttpRequestException("outer", new IOException("Received an invalid header name: '\u001b]0;pwned\u0007'."));

        Assert.Equal("Received an invalid header name: ' ]0;pwned '.", ServerText.Innermost(ex));
    }

    [Fact]
    public void ASecretEchoedByTheServerIsMasked()
    {
        using var secrets = Registered.Secret("s3cr3t-api-value-0123456789abcdef");

        string excerpt = ServerMessage.OfBody("{\"result\":\"Unknown key s3cr3t-api-value-0123456789abcdef for user 1.\"}")!;

        Assert.Equal("Unknown key [secret] for user 1.", excerpt);
    }

    [Fact]
    public void ASecretStraddlingTheQuoteLimitIsStillMasked()
    {
        using var secrets = Registered.Secret("0123456789abcdef0123456789abcdef");

        string excerpt = ServerText.Excerpt(new string('x', ServerText.MaxQuotedLength - 10) + "0123456789abcdef0123456789abcdef");

        Assert.DoesNotContain("0123456789", excerpt);
    }

    [Fact]
    public void AShortSecretNeverMatchesInsideAnotherSecretsMarker()
    {
        // "[sec" is part of the marker itself: masking one secret after another would mangle it.
        using var inMarker = Registered.Secret("[sec");
        using var token = Registered.Secret("zq-token-value-zq");

        Assert.Equal("a [secret] b", ServerText.Excerpt("a zq-token-value-zq b"));
    }

    [Fact]
    public void ADisposedSecretIsForgottenWithoutFailing()
    {
        using var secrets = Registered.Secret("gone-gone-gone-gone");
        secrets.Value.Dispose();

        Assert.Equal("gone-gone-gone-gone", ServerText.Excerpt("gone-gone-gone-gone"));
    }
}
