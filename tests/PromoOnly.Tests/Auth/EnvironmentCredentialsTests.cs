using PromoOnly.Auth;

namespace PromoOnly.Tests.Auth;

public class EnvironmentCredentialsTests
{
    [Theory]
    [InlineData(null, "k", "s", null, "PROMOONLY_USER_ID")]
    [InlineData("1", null, null, null, "PROMOONLY_API_KEY and PROMOONLY_API_SECRET (or PROMOONLY_TOKEN)")]
    [InlineData("1", "k", null, null, "PROMOONLY_API_SECRET")]
    [InlineData("1", null, "s", null, "PROMOONLY_API_KEY")]
    [InlineData("1", " ", " ", " ", "PROMOONLY_API_KEY and PROMOONLY_API_SECRET")]
    [InlineData("one", "k", "s", null, "PROMOONLY_USER_ID must be a positive whole number")]
    [InlineData("0", "k", "s", null, "PROMOONLY_USER_ID must be a positive whole number")]
    public void MissingOrBadVariablesAreNamed(string? userId, string? key, string? secret, string? token, string expected)
    {
        var result = EnvironmentCredentials.TryRead(Lookup(userId, key, secret, token), out string problem);

        Assert.Null(result);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void KeyPairWinsOverATokenBecauseItRenews()
    {
        var result = EnvironmentCredentials.TryRead(Lookup("7", "k", "s", "t"), out _);

        Assert.NotNull(result);
        Assert.Equal(7, result!.UserId);
        Assert.NotNull(result.ApiKey);
        Assert.Null(result.Token);
    }

    [Fact]
    public void TokenAloneIsEnough()
    {
        var result = EnvironmentCredentials.TryRead(Lookup("7", null, null, "t"), out _);

        Assert.NotNull(result!.Token);
        Assert.Null(result.ApiKey);
    }

    private static Func<string, string?> Lookup(string? userId, string? key, string? secret, string? token) => name => name switch
    {
        EnvironmentCredentials.UserIdVariable => userId,
        EnvironmentCredentials.ApiKeyVariable => key,
        EnvironmentCredentials.ApiSecretVariable => secret,
        EnvironmentCredentials.TokenVariable => token,
        _ => null,
    };
}
