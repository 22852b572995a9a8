using System.Globalization;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Auth;

/// <summary>Bearer calls on behalf of a session: a current token, and on a 401 one renewal and one retry.</summary>
internal static class AuthorizedRequests
{
    public static async Task<ServerList> GetDownloadServersAsync(this PromoOnlySession session, PoolApiClient client, long trackId, CancellationToken cancellationToken)
    {
        AccessToken token = await session.Credential.GetTokenAsync(client, cancellationToken).ConfigureAwait(false);
        try
        {
            return await client.GetDownloadServersAsync(trackId, Bearer(session, token), cancellationToken).ConfigureAwait(false);
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

            return await client.GetDownloadServersAsync(trackId, Bearer(session, renewed), cancellationToken).ConfigureAwait(false);
        }
    }

    private static AuthenticationHeaderValue Bearer(PromoOnlySession session, AccessToken token) =>
        AuthorizationHeaders.Bearer(session.UserId, token.Value);
}
