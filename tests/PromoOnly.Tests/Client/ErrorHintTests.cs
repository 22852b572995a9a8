using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Client;

/// <summary>Errors that point at the real cause: a wrong API address, a proxy in the way, a pasted token.</summary>
public class ErrorHintTests
{
    private static readonly AuthenticationHeaderValue Auth = new("Bearer", "c2VjcmV0");

    [Fact]
    public async Task A404BehindABaseAddressWithAPathSaysTheAddressLooksWrong()
    {
        Assert.True(ApiAddress.TryNormalize(new Uri("https://api.example/v1"), out Uri baseUri, out _));
        var client = new PoolApiClient(new HttpClient(new StubHandler(_ => StubHandler.Json(HttpStatusCode.NotFound, "{}"))), baseUri, "test", TimeSpan.FromSeconds(5), new RecordingLog());

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.GetDownloadServersAsync(337865, Auth, CancellationToken.None));

        Assert.Equal(PoolErrorKind.TrackNotFound, ex.Kind);
        Assert.Contains("has a path ('/v1/')", ex.Message);
        Assert.Contains("the address looks wrong", ex.Message);
    }

    [Fact]
    public async Task A404AtTheRootIsJustAMissingTrack()
    {
        var client = new PoolApiClient(new HttpClient(new StubHandler(_ => StubHandler.Json(HttpStatusCode.NotFound, "{}"))), new Uri("https://api.example/"), "test", TimeSpan.FromSeconds(5), new RecordingLog());

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.GetDownloadServersAsync(337865, Auth, CancellationToken.None));

        Assert.DoesNotContain("looks wrong", ex.Message);
    }

    [Fact]
    public void ARefusedConnectionThroughAProxyNamesTheProxyButNotItsPassword()
    {
        var refused = new HttpRequestException("Connection refused (proxy.example:3128)", new SocketException((int)SocketError.ConnectionRefused));

        string message = NetworkFailure.Describe(new Uri("https://api.example/download/server/1"), new Uri("http://user:hunter2@proxy.example:3128/"), refused);

        Assert.StartsWith("The proxy http://proxy.example:3128 refused the connection", message);
        Assert.DoesNotContain("hunter2", message);
    }

    [Fact]
    public void OtherFailuresThroughAProxySayTheyWentThroughIt()
    {
        var failed = new HttpRequestException("The proxy tunnel request to proxy 'http://proxy.example:3128/' failed with status code '502'.");

        string message = NetworkFailure.Describe(new Uri("https://api.example/x"), new Uri("http://proxy.example:3128/"), failed);

        Assert.Contains("through the proxy http://proxy.example:3128", message);
        Assert.Contains("502", message);
    }

    [Theory]
    [InlineData("8b26e1e4f3f5e00a888807e605565c47", false)]
    [InlineData(" 8b26e1e4f3f5e00a888807e605565c47", true)]
    [InlineData("8b26e1e4f3f5e00a888807e605565c47\r\n", true)]
    [InlineData("8b26e1e4 f3f5e00a888807e605565c47", true)]
    public void APastedTokenWithWhitespaceIsNoticed(string token, bool expected) =>
        Assert.Equal(expected, SecureText.HasWhitespace(SecureText.FromPlainText(token)));
}
