using PromoOnly.Client;

namespace PromoOnly.Tests.Client;

public class HostNameValidatorTests
{
    [Theory]
    [InlineData("dc03.promoonly.com")]
    [InlineData("NY01.PromoOnly.com")]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("mirror-2.example:65535")]
    [InlineData("a.b.c.d.e.f")]
    public void PlainHostNamesPass(string host) => Assert.True(HostNameValidator.IsValid(host));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://evil.example")]
    [InlineData("evil.example/steal")]
    [InlineData("dc03.promoonly.com/x?y=1")]
    [InlineData("user@evil.example")]
    [InlineData("bad host.example")]
    [InlineData(" dc03.promoonly.com")]
    [InlineData("dc03.promoonly.com\n")]
    [InlineData("dc03..promoonly.com")]
    [InlineData(".promoonly.com")]
    [InlineData("-dc03.promoonly.com")]
    [InlineData("dc03-.promoonly.com")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:")]
    [InlineData("host:80:81")]
    [InlineData("host:8o")]
    [InlineData("[::1]:80")]
    [InlineData("dc03.promoonly.com#frag")]
    [InlineData("dc03.promoonly.com\\x")]
    [InlineData("dc03.prömoonly.com")]
    public void AnythingElseFails(string? host) => Assert.False(HostNameValidator.IsValid(host));

    [Fact]
    public void OverlongLabelsAndNamesFail()
    {
        Assert.True(HostNameValidator.IsValid(new string('a', 63) + ".example"));
        Assert.False(HostNameValidator.IsValid(new string('a', 64) + ".example"));
        Assert.False(HostNameValidator.IsValid(string.Join(".", Enumerable.Repeat(new string('a', 60), 5))));
    }
}
