using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Auth;
using PromoOnly.Client;

namespace PromoOnly.Account;

/// <summary>
/// The distribution sync the documentation recommends on first sign-in (<c>GET /user/sync</c>). It
/// belongs to the new session, not to the command that connected: its own client and time limit.
/// It sends the token the session got at connect, as it is: no renewal, no retry, so it can never
/// spend or disturb the session's renewals; a failed sync takes nothing from the session (the
/// catalogue answers either way), so its outcome is only ever a line of text.
/// </summary>
internal static class DistributionSync
{
    /// <summary>The sync's own time limit, whoever waits for it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>How long Connect-PromoOnly waits for it before going on: tight, since nothing depends on it.</summary>
    public static readonly TimeSpan ConnectWait = TimeSpan.FromSeconds(3);

    private const string Subject = "the distribution sync";

    /// <summary>Never throws: what the server said, or why the sync failed, as one line.</summary>
    public static async Task<string> RunAsync(PromoOnlySession session, PoolApiClient client)
    {
        try
        {
            if (session.Credential.Current is not { } token)
            {
                return "The POOL distribution sync (GET /user/sync) was not sent: the session has no token yet.";
            }

            var bearer = AuthorizationHeaders.Bearer(session.UserId, token.Value);
            var document = await client.SendForDocumentAsync(HttpMethod.Get, AccountAddress.Sync(client.BaseUri), bearer, form: null, Subject, PoolErrorKind.UnexpectedStatus, CancellationToken.None).ConfigureAwait(false);
            return $"POOL distribution sync: '{AccountAnswers.Distribution(document, Subject)}'.";
        }
        catch (Exception failure)
        {
            string reason = failure is PoolApiException api ? api.Message : $"{failure.GetType().Name}: {ServerText.Excerpt(failure.Message)}";
            return $"The POOL distribution sync (GET /user/sync) failed; the session works without it. {reason}";
        }
    }
}
