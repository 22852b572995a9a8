using System;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Probing;

namespace PromoOnly.Downloads;

/// <summary>
/// One track's mirrors, as Get-PromoDownloadServer reports them: <c>GET /download/server/{id}</c> with
/// the session's Bearer (renewed once after a refusal), retried under the command's policy and its
/// shared 429 pause, and, given a ranking (-Fastest), only the fastest mirror that answered a probe.
/// Failures come back as values, so one track cannot end the others.
/// </summary>
internal sealed class ServerLookup
{
    private readonly PromoOnlySession _session;
    private readonly PoolApiClient _client;
    private readonly RetryPolicy _retry;
    private readonly BackoffGate _backoff;
    private readonly IPoolLog _log;
    private readonly MirrorRanking? _fastest;

    /// <param name="fastest">With a ranking, each track keeps only its fastest reachable mirror; null keeps every mirror.</param>
    public ServerLookup(PromoOnlySession session, PoolApiClient client, RetryPolicy retry, BackoffGate backoff, IPoolLog log, MirrorRanking? fastest)
    {
        _session = session;
        _client = client;
        _retry = retry;
        _backoff = backoff;
        _log = log;
        _fastest = fastest;
    }

    public async Task<Outcome<ServerList>> FindAsync(long trackId, CancellationToken cancellationToken)
    {
        try
        {
            ServerList servers = await _retry.RunAsync(
                c => _session.GetDownloadServersAsync(_client, trackId, c),
                _backoff,
                _log,
                $"Track {trackId}",
                cancellationToken).ConfigureAwait(false);
            return _fastest is null || servers.Servers.Count == 0
                ? Outcome<ServerList>.Found(trackId, servers)
                : await KeepFastestAsync(trackId, servers, _fastest, cancellationToken).ConfigureAwait(false);
        }
        catch (PoolApiException failure)
        {
            return Outcome<ServerList>.Failed(trackId, failure);
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            // One track's surprise must not end the pipeline: it becomes that track's error.
            return Outcome<ServerList>.Failed(trackId, AuthorizedRequests.Unexpected(_session, unexpected, $"Track {trackId}"));
        }
    }

    private static async Task<Outcome<ServerList>> KeepFastestAsync(long trackId, ServerList servers, MirrorRanking ranking, CancellationToken cancellationToken)
    {
        DownloadServer? fastest = await ranking.FastestAsync(servers.Servers, cancellationToken).ConfigureAwait(false);
        return fastest is null
            ? Outcome<ServerList>.Failed(trackId, new PoolApiException(PoolErrorKind.NoReachableServer, $"Track {trackId}: none of its {servers.Servers.Count} mirror(s) answered a probe."))
            : Outcome<ServerList>.Found(trackId, new ServerList(new[] { fastest }, servers.RejectedHosts));
    }
}
