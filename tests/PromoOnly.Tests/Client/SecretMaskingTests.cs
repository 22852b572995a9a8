using System.Text;
using System.Text.RegularExpressions;
using PromoOnly.Client;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Client;

/// <summary>
/// A server that quotes a request back (error pages do) quotes secrets in the spellings they
/// travelled in: the Authorization header's base64, a form body's URL-encoding, JSON escapes.
/// Every one of them is masked wherever server text is shown.
/// </summary>
public class SecretMaskingTests
{
    private const string Token = "8b26e1e4f3f5e00a888807e605565c47";

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("Authorization: Bearer {b64}")]
    [InlineData("auth=Bearer%20{b64url}")]
    [InlineData("auth=Bearer+{b64url-lower}")]
    [InlineData("{\"header\":\"Bearer {b64json}\"}")]
    [InlineData("token={token}")]
    public void TheBearerHeaderIsMaskedInEverySpelling(string template)
    {
        // A hex token's base64 never holds '+' or '/', the characters other spellings change; this one does.
        const string token = "t~~~0k3n???v4lue>>>";
        string b64 = Base64("7:" + token);
        Assert.Contains("+", b64.TrimEnd('='));
        Assert.Contains("/", b64);
        using var secrets = Registered.Token(7, token);
        string text = template
            .Replace("{b64url-lower}", Regex.Replace(Uri.EscapeDataString(b64), "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant()))
            .Replace("{b64url}", Uri.EscapeDataString(b64))
            .Replace("{b64json}", b64.Replace("/", "\\/"))
            .Replace("{b64}", b64)
            .Replace("{token}", token);

        string excerpt = ServerText.Excerpt("Refused: " + text);

        Assert.Contains("[secret]", excerpt);
        Assert.DoesNotContain(token, excerpt);
        Assert.DoesNotContain(b64.Substring(4, 12), excerpt);
        Assert.DoesNotContain(Uri.EscapeDataString(b64).Substring(10, 20), excerpt, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheWholeHeaderValueIsMaskedPaddedOrNot()
    {
        using var secrets = Registered.Token(1, Token);
        string header = "Bearer " + Base64("1:" + Token);

        Assert.Equal("Authorization: Bearer [secret]== was refused", ServerText.Excerpt($"Authorization: {header} was refused"));
        Assert.Equal("[secret]", ServerText.Excerpt(Base64("1:" + Token).TrimEnd('=')));
    }

    [Fact]
    public void TheBasicHeaderOfKeyAndSecretIsMasked()
    {
        using var secrets = Registered.ApiCredential("demo-api-key", "demo-api-secret");
        string basic = Base64("demo-api-key:demo-api-secret");

        string excerpt = ServerText.Excerpt($"<p>Authorization: Basic {basic}</p><p>link: ?a=Basic%20{Uri.EscapeDataString(basic)}</p>");

        Assert.DoesNotContain(basic.TrimEnd('='), excerpt);
        Assert.Equal(2, CountMarkers(excerpt));
    }

    [Theory]
    [InlineData("password=pa%20ss%2fw%c3%b6rd%2b1%26%28%21%29~", "password=[secret]")]
    [InlineData("{\"password\":\"pa ss\\/w\\u00f6rd+1&(!)~\"}x", "{\"password\":\"[secret]\"}x")]
    [InlineData("password: pa ss/wörd+1&(!)~", "password: [secret]")]
    [InlineData("password=pa+ss%2Fw%C3%B6rd%2B1%26(!)%7E", "password=[secret]")]
    [InlineData("password=pa+ss%2Fw%C3%B6rd%2B1%26%28%21%29%7E", "password=[secret]")]
    [InlineData("password=pa%20ss%2Fw%C3%B6rd%2B1%26%28%21%29~", "password=[secret]")]
    public void AFormEncodedPasswordIsMasked(string echoed, string shown)
    {
        using var secrets = Registered.Secret("pa ss/wörd+1&(!)~");

        Assert.Equal("Invalid sign-in: " + shown, ServerText.Excerpt("Invalid sign-in: " + echoed));
    }

    [Fact]
    public void InvisibleCharactersInsideAnEchoDoNotHideItFromTheMasker()
    {
        using var secrets = Registered.Token(1, Token);

        string excerpt = ServerText.Excerpt("token 8b26e1e4\u200Bf3f5e00a\u202E888807e605565c47 refused");

        Assert.Equal("token [secret] refused", excerpt);
    }

    [Fact]
    public void ASecretWithRunsOfWhitespaceIsLookedForAsCleaningLeavesIt()
    {
        using var secrets = Registered.Secret("two  spaces\tand a tab");

        Assert.Equal("was [secret]", ServerText.Excerpt("was two  spaces\tand a tab"));
    }

    [Fact]
    public void SpellingsOfAShortSecretAreNotLookedForInOrdinaryText()
    {
        // base64("abc") is "YWJj"; masking it would mangle unrelated text, and no header carries it.
        using var secrets = Registered.Secret("abc");

        Assert.Equal("YWJj and [secret]", ServerText.Excerpt("YWJj and abc"));
    }

    [Fact]
    public void TheLastFewTokensOfASessionStayMasked()
    {
        var masker = new SecretMasker();
        LiveSecrets.Register(masker);
        try
        {
            var tokens = Enumerable.Range(0, SecretMasker.TokensKept + 1).Select(i => $"{i}f0e1d2c3b4a5968778695a4b3c2d1e0").ToArray();
            foreach (string token in tokens)
            {
                masker.AddToken(3, Secure.From(token));
            }

            // The oldest has expired long ago (tokens live five minutes); the rest may still be in flight.
            Assert.Equal(tokens[0], ServerText.Excerpt(tokens[0]));
            Assert.All(tokens.Skip(1), token => Assert.Equal("[secret]", ServerText.Excerpt(token)));
        }
        finally
        {
            LiveSecrets.Unregister(masker);
        }
    }

    [Fact]
    public void AnUnregisteredMaskerIsNoLongerConsulted()
    {
        var secrets = Registered.Secret("left-with-its-session-0001");
        Assert.Equal("[secret]", ServerText.Excerpt("left-with-its-session-0001"));

        secrets.Dispose();

        Assert.Equal("left-with-its-session-0001", ServerText.Excerpt("left-with-its-session-0001"));
    }

    [Fact]
    public void AProxyPasswordIsMaskedAsTheProxyAuthorizationHeaderCarriesIt()
    {
        PoolHttp.ForProxy(new Uri("http://127.0.0.1:9/"), new System.Net.NetworkCredential("proxy-user", "proxy-pass/wörd-0001"));
        string basic = Base64("proxy-user:proxy-pass/wörd-0001");

        string excerpt = ServerText.Excerpt($"407 for Proxy-Authorization: Basic {basic} (password proxy-pass/wörd-0001)");

        Assert.Equal("407 for Proxy-Authorization: Basic [secret] (password [secret])", excerpt.Replace("[secret]=", "[secret]"));
    }

    [Fact]
    public void CatalogueTextQuotingTheHeaderIsMaskedToo()
    {
        using var secrets = Registered.Token(1, Token);
        string body = "[{\"trackid\":5,\"title\":\"Roar (Bearer " + Base64("1:" + Token) + ")\",\"artist\":\"" + new string('x', 480) + Token + "\"}]";

        Track track = PromoOnly.Catalogue.CatalogueAnswers.TrackList(PoolApiClient.ParseDocument(body, "track 5"), "track 5").Items[0];

        Assert.Equal("Roar (Bearer [secret]==)", track.Title);
        // The token straddles the 500-character cut: masked whole, not cut with its start showing.
        Assert.Equal(new string('x', 480) + "[secret]", track.Artist);
    }

    private static int CountMarkers(string text) => (text.Length - text.Replace("[secret]", string.Empty).Length) / "[secret]".Length;
}
