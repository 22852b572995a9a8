using System.Security;

namespace PromoOnly.Client;

/// <summary>What endpoint 4 hands back: long-lived API credentials plus a first token.</summary>
internal sealed class SignInResult
{
    public SignInResult(SecureString apiKey, SecureString apiSecret, IssuedToken token)
    {
        ApiKey = apiKey;
        ApiSecret = apiSecret;
        Token = token;
    }

    public SecureString ApiKey { get; }

    public SecureString ApiSecret { get; }

    public IssuedToken Token { get; }
}
