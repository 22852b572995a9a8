using System.Text;
using PromoOnly.Client;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Client;

public class AuthorizationHeadersTests
{
    [Fact]
    public void DocumentedExampleEncodesAsTheApiDocumentationSays()
    {
        string value = AuthorizationHeaders.BearerParameter(1, Secure.From("8b26e1e4f3f5e00a888807e605565c47"));

        Assert.Equal("MTo4YjI2ZTFlNGYzZjVlMDBhODg4ODA3ZTYwNTU2NWM0Nw==", value);
        Assert.Equal("1:8b26e1e4f3f5e00a888807e605565c47", Encoding.UTF8.GetString(Convert.FromBase64String(value)));
    }

    [Fact]
    public void NonAsciiTokenIsEncodedAsUtf8()
    {
        string value = AuthorizationHeaders.BearerParameter(42, Secure.From("tök€n✓"));

        byte[] expected = Encoding.UTF8.GetBytes("42:tök€n✓");
        Assert.Equal(expected, Convert.FromBase64String(value));
    }

    [Fact]
    public void LargeUserIdsAreWrittenInInvariantDigits()
    {
        string value = AuthorizationHeaders.BearerParameter(int.MaxValue, Secure.From("ab"));

        Assert.Equal("2147483647:ab", Encoding.UTF8.GetString(Convert.FromBase64String(value)));
    }

    [Fact]
    public void BasicHeaderIsKeyColonSecretInUtf8()
    {
        string value = AuthorizationHeaders.BasicParameter(Secure.From("demo-api-key"), Secure.From("sécret"));

        Assert.Equal(Encoding.UTF8.GetBytes("demo-api-key:sécret"), Convert.FromBase64String(value));
    }
}
