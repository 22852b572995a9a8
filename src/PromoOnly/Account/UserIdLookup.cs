using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Account;

/// <summary>
/// <c>POST /account/pool_userid</c>, form <c>email=…</c>, without any Authorization header: the one
/// call that needs no account, so it works before anyone has connected.
/// </summary>
internal static class UserIdLookup
{
    public static Task<int> LookupAsync(PoolApiClient client, string email, RetryPolicy retry, IPoolLog log, CancellationToken cancel)
    {
        string subject = $"the POOL user id of '{ServerText.Excerpt(email)}'";
        return retry.RunAsync(
            async c =>
            {
                using FormBody form = new FormBody().Add("email", email);
                return AccountAnswers.PoolUserId(
                    await client.SendForDocumentAsync(HttpMethod.Post, AccountAddress.PoolUserId(client.BaseUri), authorization: null, form, subject, PoolErrorKind.AccountNotFound, c).ConfigureAwait(false),
                    subject);
            },
            new BackoffGate(MonotonicClock.System),
            log,
            "The user id lookup",
            cancel);
    }
}
