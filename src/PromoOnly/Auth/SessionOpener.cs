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
    public static Task<PromoOnlySession?> WithTokenAsync(PoolApiClient client, int userId, SecureString token, bool validate, CancellationToken cancellationToken) =>
        Guarded(client, async secrets =>
        {
            secrets.AddToken(userId, token);
            if (validate && !await client.ValidateTokenAsync(userId, token, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new PromoOnlySession(userId, client.BaseUri, new StaticTokenCredential(userId, token, secrets), DateTime.UtcNow, client.Http, client.Proxy);
        });

    /// <summary>API key and secret: the first token is fetched now, so bad credentials fail at connect time.</summary>
    public static Task<PromoOnlySession> WithApiKeyAsync(PoolApiClient client, int userId, SecureString apiKey, SecureString apiSecret, MonotonicClock clock, CancellationToken cancellationToken) =>
        Guarded(client, async secrets =>
        {
            secrets.AddApiCredential(apiKey, apiSecret);
            TimeSpan asked = clock.Now;
            IssuedToken issued = await client.AuthenticateAsync(userId, apiKey, apiSecret, cancellationToken).ConfigureAwait(false);
            AccessToken first = AccessToken.Issued(issued, asked);
            var credential = new RenewingCredential(AuthenticationMode.ApiKey, userId, apiKey, apiSecret, first, Renewer(client), clock, secrets);
            return new PromoOnlySession(userId, client.BaseUri, credential, DateTime.UtcNow, client.Http, client.Proxy);
        });

    /// <summary>E-mail and password, exchanged once for API credentials; the password is not kept.</summary>
    public static Task<PromoOnlySession> WithSignInAsync(PoolApiClient client, string email, SecureString password, MonotonicClock clock, CancellationToken cancellationToken) =>
        Guarded(client, async secrets =>
        {
            secrets.Add(password);
            TimeSpan asked = clock.Now;
            SignInResult signedIn;
            try
            {
                signedIn = await client.SignInAsync(email, password, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The caller's password travels once, in this request; only an answer to it can quote it.
                secrets.Remove(password);
            }

            IssuedToken issued = signedIn.Token;
            AccessToken first = AccessToken.Issued(issued, asked);
            var credential = new RenewingCredential(AuthenticationMode.SignIn, issued.UserId, signedIn.ApiKey, signedIn.ApiSecret, first, Renewer(client), clock, secrets);
            return new PromoOnlySession(issued.UserId, client.BaseUri, credential, DateTime.UtcNow, client.Http, client.Proxy);
        });

    /// <summary>
    /// Runs one way of connecting with a new session masker registered from the start, so a server
    /// that echoes a secret in its refusal gets it masked. A connect that fails or is refused leaves
    /// the registry at once; every message it produced was masked on the way out (an unexpected
    /// exception becomes a masked <see cref="PoolApiException"/> here, before the secrets leave).
    /// </summary>
    private static async Task<T> Guarded<T>(PoolApiClient client, Func<SecretMasker, Task<T>> open)
        where T : class?
    {
        var secrets = new SecretMasker();
        LiveSecrets.Register(secrets);
        T? session = null;
        try
        {
            session = await open(secrets).ConfigureAwait(false);
            return session;
        }
        catch (Exception unexpected) when (unexpected is not PoolApiException and not OperationCanceledException)
        {
            throw new PoolApiException(PoolErrorKind.Unexpected, $"Connecting failed unexpectedly ({unexpected.GetType().Name}: {ServerText.Excerpt(unexpected.Message)}).", innerException: unexpected);
        }
        finally
        {
            if (session is null)
            {
                LiveSecrets.Unregister(secrets);
            }
        }
    }

    // Same address, transport and User-Agent as the connecting command, but nothing of the command itself.
    private static PoolApiClient Renewer(PoolApiClient client) => client.ForSessionWork(RenewalTimeout, SilentLog.Instance);
}
