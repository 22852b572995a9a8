using System;
using System.Globalization;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Auth;

/// <summary>
/// Bearer calls on behalf of a session: a current token, and after a refusal (a 401, or a 2xx
/// <c>result</c> message) one renewal and one retry. Whatever else goes wrong leaves here as a
/// <see cref="PoolApiException"/>, so no raw exception reaches a pipeline.
/// </summary>
internal static class AuthorizedRequests
{
    public static Task<ServerList> GetDownloadServersAsync(this PromoOnlySession session, PoolApiClient client, long trackId, CancellationToken cancellationToken) =>
        session.WithBearerAsync((bearer, c) => client.GetDownloadServersAsync(trackId, bearer, c), $"Track {trackId.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    /// <summary>
    /// Runs <paramref name="call"/> with the session's Bearer header; after a 401 or a 2xx message,
    /// renews the token once (a renewing session) and calls again. <paramref name="what"/> names the
    /// subject ("Track 5") in the error for a failure that is not the API's.
    /// </summary>
    public static async Task<T> WithBearerAsync<T>(this PromoOnlySession session, Func<AuthenticationHeaderValue, CancellationToken, Task<T>> call, string what, CancellationToken cancellationToken)
    {
        try
        {
            // Checked per request: Disconnect-PromoOnly in another runspace may run mid-pipeline.
            ThrowIfDisconnected(session);
            AccessToken token = await session.Credential.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await call(Bearer(session, token), cancellationToken).ConfigureAwait(false);
            }
            catch (PoolApiException rejected) when (rejected.Kind == PoolErrorKind.Unauthorized
                || (rejected.Kind == PoolErrorKind.Refused && !token.RenewedAfterRefusal))
            {
                bool refused = rejected.Kind == PoolErrorKind.Refused;
                AccessToken? renewed = await session.Credential.RenewAfterRejectionAsync(token, refused, cancellationToken).ConfigureAwait(false);
                if (renewed is null)
                {
                    // A supplied token cannot renew: a message is shown as it is, a 401 means it expired.
                    throw refused ? rejected : TokenExpired(session, rejected);
                }

                return await call(Bearer(session, renewed), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception unexpected) when (unexpected is not PoolApiException and not OperationCanceledException)
        {
            throw Unexpected(session, unexpected, what);
        }
    }

    private static void ThrowIfDisconnected(PromoOnlySession session)
    {
        if (session.IsDisconnected)
        {
            throw Disconnected(session);
        }
    }

    /// <summary>
    /// A failure that is not the API's doing, as a <see cref="PoolApiException"/> with a stable kind.
    /// Disposed secrets mean another runspace disconnected the session while this one used it.
    /// </summary>
    public static PoolApiException Unexpected(PromoOnlySession session, Exception unexpected, string what) =>
        session.IsDisconnected && unexpected is ObjectDisposedException
            ? Disconnected(session)
            : new PoolApiException(
                PoolErrorKind.Unexpected,
                $"{what}: the request failed unexpectedly ({unexpected.GetType().Name}: {ServerText.Excerpt(unexpected.Message)}).",
                innerException: unexpected);

    private static PoolApiException Disconnected(PromoOnlySession session) =>
        new(PoolErrorKind.Disconnected, $"The session of POOL user {session.UserId.ToString(CultureInfo.InvariantCulture)} was disconnected (Disconnect-PromoOnly) while this command was using it.");

    private static PoolApiException TokenExpired(PromoOnlySession session, PoolApiException rejected) =>
        new(
            PoolErrorKind.TokenExpired,
            $"The POOL API no longer accepts the access token of user {session.UserId.ToString(CultureInfo.InvariantCulture)}: tokens expire five minutes after they are issued{(rejected.ServerMessage is null ? string.Empty : $" (HTTP 401: '{rejected.ServerMessage}')")}.",
            rejected.StatusCode,
            rejected.ServerMessage,
            rejected);

    /// <summary>The header for the media request (5.2), from the session's current token; no renewal round trip.</summary>
    public static async Task<AuthenticationHeaderValue> CurrentBearerAsync(this PromoOnlySession session, CancellationToken cancellationToken)
    {
        ThrowIfDisconnected(session);
        return Bearer(session, await session.Credential.GetTokenAsync(cancellationToken).ConfigureAwait(false));
    }

    private static AuthenticationHeaderValue Bearer(PromoOnlySession session, AccessToken token) =>
        AuthorizationHeaders.Bearer(session.UserId, token.Value);
}
