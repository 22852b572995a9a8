using System.Net;
using System.Net.Security;
using PromoOnly.Client;

namespace PromoOnly.Tests.Client;

/// <summary>
/// Issue 16, point 12: the handler's certificate callback judges as .NET would without it (valid
/// only with no policy error) and remembers which hosts showed a certificate, which is what tells
/// "https not offered" (fall back to http) from "https offered but not trusted" (do not).
/// </summary>
public class CertificateWitnessTests
{
    private static HttpRequestMessage To(string host) => new(HttpMethod.Get, $"https://{host}/pool/v5/download/t");

    [Fact]
    public void ACertificateIsValidOnlyWithoutAnyPolicyError()
    {
        Assert.True(CertificateWitness.ForClientHandler(To("ok.witness.example"), null, null, SslPolicyErrors.None));
        Assert.False(CertificateWitness.ForClientHandler(To("bad.witness.example"), null, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(CertificateWitness.ForClientHandler(To("bad.witness.example"), null, null, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void AHostThatShowedNoCertificateSinceTheMarkDoesNotOfferHttps()
    {
        CertificateWitness.ForClientHandler(To("earlier.witness.example"), null, null, SslPolicyErrors.None);
        long mark = CertificateWitness.Mark();

        Assert.Equal(CertificateWitness.Verdict.NoCertificate, CertificateWitness.Judge("earlier.witness.example", mark, null, out _));
        Assert.Equal(CertificateWitness.Verdict.NoCertificate, CertificateWitness.Judge("never.witness.example", mark, null, out _));
    }

    [Fact]
    public void AnAcceptedCertificateMeansHttpsIsOffered()
    {
        long mark = CertificateWitness.Mark();
        CertificateWitness.ForClientHandler(To("accepted.witness.example"), null, null, SslPolicyErrors.None);

        Assert.Equal(CertificateWitness.Verdict.Accepted, CertificateWitness.Judge("accepted.witness.example", mark, null, out SslPolicyErrors errors));
        Assert.Equal(SslPolicyErrors.None, errors);
    }

    [Fact]
    public void ARefusedCertificateIsRememberedWithWhyItFailed()
    {
        long mark = CertificateWitness.Mark();
        CertificateWitness.ForClientHandler(To("refused.witness.example"), null, null, SslPolicyErrors.RemoteCertificateNameMismatch);

        Assert.Equal(CertificateWitness.Verdict.Rejected, CertificateWitness.Judge("REFUSED.witness.example", mark, null, out SslPolicyErrors errors));
        Assert.Equal(SslPolicyErrors.RemoteCertificateNameMismatch, errors);
    }

    [Fact]
    public void DotNetFrameworksTrustFailureIsARefusedCertificateToo()
    {
        var failure = new HttpRequestException("An error occurred while sending the request.", new WebException("Could not establish trust relationship.", WebExceptionStatus.TrustFailure));

        Assert.Equal(CertificateWitness.Verdict.Rejected, CertificateWitness.Judge("framework.witness.example", CertificateWitness.Mark(), failure, out _));
    }
}
