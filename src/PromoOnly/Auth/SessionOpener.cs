using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Auth;

/// <summary>Turns each way of holding credentials into a ready session, calling the API as each way needs.</summary>
internal static class SessionOpener
{
    /// <summary>
    /// The time limit of every renewal, whichever command's lookup found the token due: a command's
    /// own -TimeoutSec bounds its lookups, not work that other commands share.
    /// </summary>
    public static readonly TimeSpan RenewalTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A supplied token, checked with endpoint 3 unless <paramref name="validate"/> is false. Null: the API says the token is invalid.</summary>
    public static async Task<PromoOnlySession?> WithTokenAsync(PoolApiClient client, int userId, SecureString token, bool validate, CancellationToken cancellationToken)
    {
        // From here on, a server that echoes a secret of the session gets it masked wherever it is quoted.
        ServerText.Conceal(token);
        if (validate && !await client.ValidateTokenAsync(userId, token, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new PromoOnlySession(userId, client.BaseUri, new StaticTokenCredential(token), DateTime.UtcNow, client.Http, client.Proxy);
    }

    /// <summary>API key and secret: the first token is fetched now, so bad credentials fail at connect time.</summary>
    public static async Task<PromoOnlySession> WithApiKeyAsync(PoolApiClient client, int userId, SecureString apiKey, SecureString apiSecret, MonotonicClock clock, CancellationToken cancellationToken)
    {
        ServerText.Conceal(apiSecret);
        TimeSpan asked = clock.Now;
        IssuedToken issued = await client.AuthenticateAsync(userId, apiKey, apiSecret, cancellationToken).ConfigureAwait(false);
        AccessToken first = AccessToken.Issued(issued, asked);
        var credential = new RenewingCredential(AuthenticationMode.ApiKey, userId, apiKey, apiSecret, first, Renewer(client), clock);
        return new PromoOnlySession(userId, client.BaseUri, credential, DateTime.UtcNow, client.Http, client.Proxy);
    }

    /// <summary>E-mail and password, exchanged once for API credentials; the password is not kept.</summary>
    public static async Task<PromoOnlySession> WithSignInAsync(PoolApiClient client, string email, SecureString password, MonotonicClock clock, CancellationToken cancellationToken)
    {
        ServerText.Conceal(password);
        TimeSpan asked = clock.Now;
        SignInResult signedIn = await client.SignInAsync(email, password, cancellationToken).ConfigureAwait(false);
        ServerText.Conceal(signedIn.ApiSecret);
        IssuedToken issued = signedIn.Token;
        AccessToken first = AccessToken.Issued(issued, asked);
        var credential = new RenewingCredential(AuthenticationMode.SignIn, issued.UserId, signedIn.ApiKey, signedIn.ApiSecret, first, Renewer(client), clock);
        return new PromoOnlySession(issued.UserId, client.BaseUri, credential, DateTime.UtcNow, client.Http, client.Proxy);
    }

    // Same address, transport and User-Agent as the connecting command, but nothing of the command itself.
    private static PoolApiClient Renewer(PoolApiClient client) => client.ForSessionWork(RenewalTimeout, SilentLog.Instance);
}
