using System.Net;
using PromoOnly.Client;

namespace PromoOnly.Tests.Client;

/// <summary>Windows PowerShell shares one TLS setting per process: the module touches it only to make the API reachable.</summary>
public class TlsProtocolsTests
{
    // By value, as .NET Framework 4.7.2 spells them: SystemDefault 0, Ssl3 48, Tls 192, Tls11 768, Tls12 3072, Tls13 12288.
    private const int SystemDefault = 0;
    private const int Ssl3 = 48;
    private const int Tls10 = 192;
    private const int Tls11 = 768;
    private const int Tls12 = 3072;
    private const int Tls13 = 12288;

    [Theory]
    [InlineData(SystemDefault)]
    [InlineData(Tls12)]
    [InlineData(Tls13)]
    [InlineData(Tls12 | Tls13)]
    [InlineData(Tls10 | Tls11 | Tls12)]
    [InlineData(Ssl3 | Tls10 | Tls12)]
    public void ASettingThatReachesTheApiIsLeftAlone(int current) =>
        Assert.Equal((SecurityProtocolType)current, TlsProtocols.Needed((SecurityProtocolType)current));

    [Theory]
    [InlineData(Tls10, Tls10 | Tls12)]
    [InlineData(Tls11, Tls11 | Tls12)]
    [InlineData(Tls10 | Tls11, Tls10 | Tls11 | Tls12)]
    [InlineData(Ssl3 | Tls10, Ssl3 | Tls10 | Tls12)]
    public void OnlyOldTlsGainsTls12AndKeepsWhatItHad(int current, int expected) =>
        Assert.Equal((SecurityProtocolType)expected, TlsProtocols.Needed((SecurityProtocolType)current));
}
