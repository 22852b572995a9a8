using System.Net;
using System.Text;
using PromoOnly.Client;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Client;

public class AuthEndpointTests
{
    private static readonly Uri Base = new("https://api.example/");

    [Fact]
    public async Task AuthenticateSendsEndpointTwoExactly()
    {
        HttpRequestMessage? seen = null;
        string? form = null;
        var client = Client(r =>
        {
            seen = r;
            form = r.Content!.ReadAsStringAsync().Result;
            return StubHandler.Json(HttpStatusCode.OK, "{\"code\":504,\"expires\":1585080310,\"server_time\":1585079710,\"token\":\"8b26e1e4f3f5e00a888807e605565c47\",\"userid\":1}");
        });

        IssuedToken token = await client.AuthenticateAsync(1, Secure.From("key"), Secure.From("secret"), CancellationToken.None);

        Assert.Equal(HttpMethod.Post, seen!.Method);
        Assert.Equal("https://api.example/user/authenticate", seen.RequestUri!.AbsoluteUri);
        Assert.Equal("Basic a2V5OnNlY3JldA==", seen.Headers.Authorization!.ToString());
        Assert.Equal("userid=1", form);
        Assert.Equal(TimeSpan.FromSeconds(600), token.Lifetime);
    }

    [Fact]
    public async Task SignInReadsExpirationNotExpires()
    {
        string? form = null;
        var client = Client(r =>
        {
            form = r.Content!.ReadAsStringAsync().Result;
            return StubHandler.Json(HttpStatusCode.OK, "{\"result\":\"Authenticated\",\"api_key\":\"k\",\"api_secret\":\"s\",\"userid\":9,\"token\":\"t\",\"expiration\":1300,\"server_time\":1000}");
        });

        SignInResult result = await client.SignInAsync("dj@example.com", Secure.From("pa ss"), CancellationToken.None);

        Assert.Equal("email=dj%40example.com&password=pa+ss", form);
        Assert.Equal(9, result.Token.UserId);
        Assert.Equal(TimeSpan.FromSeconds(300), result.Token.Lifetime);
    }

    [Theory]
    [InlineData("{\"result\":\"Invalid email and password combination.\"}", "Invalid email and password combination.")]
    [InlineData("{\"result\":\"Invalid account setup.\"}", "Invalid account setup.")]
    public async Task RefusedSignInQuotesTheServer(string body, string message)
    {
        var client = Client(_ => StubHandler.Json(HttpStatusCode.OK, body));

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.SignInAsync("dj@example.com", Secure.From("x"), CancellationToken.None));

        Assert.Equal(PoolErrorKind.Unauthorized, ex.Kind);
        Assert.Equal(message, ex.ServerMessage);
    }

    [Theory]
    [InlineData("{\"code\":504,\"expires\":100,\"server_time\":100,\"token\":\"t\",\"userid\":1}")]
    [InlineData("{\"code\":504,\"expires\":\"soon\",\"server_time\":100,\"token\":\"t\",\"userid\":1}")]
    [InlineData("{\"code\":504,\"expires\":\"4e2\",\"server_time\":100,\"token\":\"t\",\"userid\":1}")]
    [InlineData("{\"code\":504,\"expires\":\" 400\",\"server_time\":\"-100\",\"token\":\"t\",\"userid\":1}")]
    [InlineData("{\"code\":504,\"expires\":\"1000000000000000000000000000000\",\"server_time\":100,\"token\":\"t\",\"userid\":1}")]
    [InlineData("{\"code\":504,\"server_time\":100,\"token\":\"t\",\"userid\":1}")]
    [InlineData("[1,2]")]
    [InlineData("<html/>")]
    [InlineData("{\"code\":504,\"expires\":1e30,\"server_time\":100,\"token\":\"t\",\"userid\":1}")]
    [InlineData("{\"code\":504,\"expires\":1000000000000000000000000000000,\"server_time\":100,\"token\":\"t\",\"userid\":1}")]
    [InlineData("{\"code\":504,\"expires\":9223372036854775807,\"server_time\":-9223372036854775807,\"token\":\"t\",\"userid\":1}")]
    [InlineData("{\"code\":504,\"expires\":400,\"server_time\":-100,\"token\":\"t\",\"userid\":1}")]
    public async Task MalformedTokenAnswersAreInvalidData(string body)
    {
        var client = Client(_ => StubHandler.Json(HttpStatusCode.OK, body));

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.AuthenticateAsync(1, Secure.From("k"), Secure.From("s"), CancellationToken.None));

        Assert.Equal(PoolErrorKind.InvalidResponse, ex.Kind);
    }

    [Fact]
    public async Task AHugeTokenIsInvalidDataNotATokenToKeep()
    {
        string token = new('a', 500_000);
        var client = Client(_ => StubHandler.Json(HttpStatusCode.OK, $"{{\"code\":504,\"expires\":400,\"server_time\":100,\"token\":\"{token}\",\"userid\":1}}"));

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.AuthenticateAsync(1, Secure.From("k"), Secure.From("s"), CancellationToken.None));

        Assert.Equal(PoolErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains("500000 characters", ex.Message);
        Assert.True(ex.Message.Length < 300);
    }

    [Fact]
    public async Task ATokenOfTheLengthLimitIsAccepted()
    {
        string token = new('a', PoolApiClient.MaxTokenLength);
        var client = Client(_ => StubHandler.Json(HttpStatusCode.OK, $"{{\"code\":504,\"expires\":400,\"server_time\":100,\"token\":\"{token}\",\"userid\":1}}"));

        IssuedToken issued = await client.AuthenticateAsync(1, Secure.From("k"), Secure.From("s"), CancellationToken.None);

        Assert.Equal(PoolApiClient.MaxTokenLength, issued.Token.Length);
    }

    [Fact]
    public async Task A503FromTheTokenEndpointCarriesItsRetryAfter()
    {
        var client = Client(_ =>
        {
            HttpResponseMessage busy = StubHandler.Json(HttpStatusCode.ServiceUnavailable, "{\"result\":\"Service temporarily unavailable.\"}");
            busy.Headers.Add("Retry-After", "7");
            return busy;
        });

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.AuthenticateAsync(1, Secure.From("k"), Secure.From("s"), CancellationToken.None));

        Assert.Equal(PoolErrorKind.ServiceUnavailable, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "{\"result\":\"Authenticated\",\"api_key\":\"issued-key-0123\",\"api_secret\":\"issued-secret-0123456789\",\"userid\":9,\"token\":\"issued-token-abcdef0123456789\",\"expira")]
    [InlineData(HttpStatusCode.OK, "{\"result\":\"Authenticated\", \"api_secret\" : \"issued-secret-0123456789\", \"token\":\"issued-token-abcdef0123456789\",}")]
    [InlineData(HttpStatusCode.OK, "{\"result\":\"Authenticated\",\"api_secret\":\"issued-secret-0123456789\",\"token\":\"issued-token-abcdef01234")]
    [InlineData(HttpStatusCode.BadGateway, "<pre>upstream sent {\"api_secret\":\"issued-secret-0123456789\",\"token\":\"issued-token-abcdef0123456789\"}</pre>")]
    public async Task ABrokenSignInAnswerNeverQuotesTheCredentialsItCarries(HttpStatusCode status, string body)
    {
        var client = Client(_ => StubHandler.Json(status, body));

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.SignInAsync("dj@example.com", Secure.From("x"), CancellationToken.None));

        Assert.Contains("[secret]", ex.Message);
        Assert.DoesNotContain("issued-secret", ex.Message);
        Assert.DoesNotContain("issued-token", ex.Message);
        Assert.DoesNotContain("issued-secret", ex.ServerMessage ?? string.Empty);
    }

    private static PoolApiClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        new(new HttpClient(new StubHandler(answer)), Base, "test", TimeSpan.FromSeconds(5), new RecordingLog());
}
