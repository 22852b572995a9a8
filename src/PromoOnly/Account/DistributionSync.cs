using System;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Auth;
using PromoOnly.Client;

namespace PromoOnly.Account;

/// <summary>
/// The distribution sync the documentation recommends on first sign-in (<c>GET /user/sync</c>). It
/// belongs to the new session, not to the command that connected: its own client and time limit,
/// no retries, and an outcome that is only ever a line of text, since a failed sync takes nothing
/// from the session (the catalogue answers either way).
/// </summary>
internal static class DistributionSync
{
    /// <summary>The sync's own time limit, whoever waits for it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>How long Connect-PromoOnly waits for it before going on: tight, since nothing depends on it.</summary>
    public static readonly TimeSpan ConnectWait = TimeSpan.FromSeconds(3);

    /// <summary>Never throws: what the server said, or why the sync failed, as one line.</summary>
    public static async Task<string> RunAsync(PromoOnlySession session, PoolApiClient client)
    {
        try
        {
            var calls = new SessionCalls(session, client, new RetryPolicy(0), SilentLog.Instance);
            string distribution = await new AccountClient(calls).SyncAsync(CancellationToken.None).ConfigureAwait(false);
            return $"POOL distribution sync: '{distribution}'.";
        }
        catch (Exception failure)
        {
            string reason = failure is PoolApiException api ? api.Message : $"{failure.GetType().Name}: {ServerText.Excerpt(failure.Message)}";
            return $"The POOL distribution sync (GET /user/sync) failed; the session works without it. {reason}";
        }
    }
}
