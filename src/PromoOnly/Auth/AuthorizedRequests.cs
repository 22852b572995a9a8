using System;
using System.Globalization;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Auth;

/// <summary>Bearer calls on behalf of a session: a current token, and on a 401 one renewal and one retry.</summary>
internal static class AuthorizedRequests
{
    public static Task<ServerList> GetDownloadServersAsync(this PromoOnlySession session, PoolApiClient client, long trackId, CancellationToken cancellationToken) =>
        session.WithBearerAsync(client, (bearer, c) => client.GetDownloadServersAsync(trackId, bearer, c), cancellationToken);

    /// <summary>Runs <paramref name="call"/> with the session's Bearer header, renewing the token once if the API answers 401.</summary>
    public static async Task<T> WithBearerAsync<T>(this PromoOnlySession session, PoolApiClient client, Func<AuthenticationHeaderValue, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        AccessToken token = await session.Credential.GetTokenAsync(client, cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(Bearer(session, token), cancellationToken).ConfigureAwait(false);
        }
        catch (PoolApiException rejected) when (rejected.Kind == PoolErrorKind.Unauthorized)
        {
            AccessToken? renewed = await session.Credential.RenewAfterRejectionAsync(token, client, cancellationToken).ConfigureAwait(false);
            if (renewed is null)
            {
                throw new PoolApiException(
                    PoolErrorKind.TokenExpired,
                    $"The POOL API no longer accepts the access token of user {session.UserId.ToString(CultureInfo.InvariantCulture)}: tokens expire five minutes after they are issued{(rejected.ServerMessage is null ? string.Empty : $" (HTTP 401: '{rejected.ServerMessage}')")}.",
                    rejected.StatusCode,
                    rejected.ServerMessage,
                    rejected);
            }

            return await call(Bearer(session, renewed), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The header for the media request (5.2), from the session's current token; no renewal round trip.</summary>
    public static async Task<AuthenticationHeaderValue> CurrentBearerAsync(this PromoOnlySession session, PoolApiClient client, CancellationToken cancellationToken) =>
        Bearer(session, await session.Credential.GetTokenAsync(client, cancellationToken).ConfigureAwait(false));

    private static AuthenticationHeaderValue Bearer(PromoOnlySession session, AccessToken token) =>
        AuthorizationHeaders.Bearer(session.UserId, token.Value);
}
