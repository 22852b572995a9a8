using PromoOnly.Client;

namespace PromoOnly.Tests.Client;

public class ApiAddressTests
{
    [Theory]
    [InlineData("https://api.promoonly.com", "https://api.promoonly.com/")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("https://gateway.example/pool", "https://gateway.example/pool/")]
    [InlineData("https://gateway.example/pool/", "https://gateway.example/pool/")]
    [InlineData("https://gateway.example/pool//", "https://gateway.example/pool/")]
    [InlineData("https://api.promoonly.com//", "https://api.promoonly.com/")]
    public void HttpAndHttpsAddressesAreNormalised(string input, string expected)
    {
        Assert.True(ApiAddress.TryNormalize(new Uri(input), out Uri normalized, out _));
        Assert.Equal(expected, normalized.AbsoluteUri);
    }

    [Theory]
    [InlineData("ftp://api.promoonly.com")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:pass@api.promoonly.com")]
    [InlineData("https://api.promoonly.com/?x=1")]
    [InlineData("https://api.promoonly.com/#top")]
    public void OtherAddressesAreRefusedWithAReason(string input)
    {
        Assert.False(ApiAddress.TryNormalize(new Uri(input), out _, out string problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void RelativeAddressesAreRefused() =>
        Assert.False(ApiAddress.TryNormalize(new Uri("api.promoonly.com", UriKind.Relative), out _, out _));

    [Theory]
    [InlineData("https://api.example/a", "https://API.example/b", true)]
    [InlineData("https://api.example/a", "https://api.example:443/b", true)]
    [InlineData("https://api.example/a", "http://api.example/a", false)]
    [InlineData("http://127.0.0.1:5080/", "http://localhost:5080/", false)]
    [InlineData("https://api.example/", "https://api.example:8443/", false)]
    public void SameOriginMeansSchemeHostAndPort(string a, string b, bool same) =>
        Assert.Equal(same, ApiAddress.IsSameOrigin(new Uri(a), new Uri(b)));

    [Theory]
    [InlineData("http://127.0.0.1:1", "http://127.0.0.1:5080", "http://127.0.0.1:1/")]
    [InlineData(null, "http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData(null, "  ", "https://api.promoonly.com/")]
    [InlineData(null, null, "https://api.promoonly.com/")]
    public void ParameterBeatsEnvironmentBeatsTheLiveService(string? parameter, string? environment, string expected)
    {
        Assert.True(ApiAddress.TryResolve(parameter is null ? null : new Uri(parameter), environment, out Uri resolved, out _, out _));
        Assert.Equal(expected, resolved.AbsoluteUri);
    }

    [Theory]
    [InlineData(null, "not a uri", "PROMOONLY_API_BASE_URI")]
    [InlineData(null, "ftp://x.example", "PROMOONLY_API_BASE_URI")]
    [InlineData("ftp://x.example", null, "-ApiBaseUri")]
    public void AnUnusableAddressNamesWhereItCameFrom(string? parameter, string? environment, string source)
    {
        Assert.False(ApiAddress.TryResolve(parameter is null ? null : new Uri(parameter), environment, out _, out string rejected, out string problem));
        Assert.Contains(source, problem);
        Assert.NotEmpty(rejected);
    }
}
