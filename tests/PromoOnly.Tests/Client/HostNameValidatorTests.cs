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
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255:1")]
    [InlineData("10.0.0.1")]
    [InlineData("3com.example")]
    [InlineData("0xdeadbeef.example")]
    [InlineData("123.example")]
    public void PlainHostNamesPass(string host)
    {
        Assert.True(HostNameValidator.IsValid(host));

        // What is shown is what is contacted: .NET must not rewrite an accepted host.
        Assert.Equal(host, new Uri("http://" + host + "/").Authority, ignoreCase: true);
    }

    [Theory]
    [InlineData("2130706433")]
    [InlineData("0x7f000001")]
    [InlineData("0X7F000001:80")]
    [InlineData("0")]
    [InlineData("999.999.999.999")]
    [InlineData("256.0.0.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2.3")]
    [InlineData("127.1")]
    [InlineData("0177.0.0.1")]
    [InlineData("127.0.0.01")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("mirror.example.123")]
    [InlineData("mirror.0x10")]
    public void NonCanonicalNumericHostsFail(string host) => Assert.False(HostNameValidator.IsValid(host));

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
