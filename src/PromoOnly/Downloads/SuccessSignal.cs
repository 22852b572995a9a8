using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Auth;
using PromoOnly.Client;

namespace PromoOnly.Downloads;

/// <summary>How a success signal ended.</summary>
internal enum SignalOutcome
{
    /// <summary>The POOL API answered success.</summary>
    Confirmed,

    /// <summary>It may not have reached the API (or the API may not have acted on it): owed, sent once by a later run.</summary>
    Pending,

    /// <summary>The API answered, and not with success: sending it again would get the same answer.</summary>
    Declined,
}

/// <summary>
/// <c>POST /download/success</c> (contract 5.3), which marks the track downloaded on every platform, so
/// a repeat may count twice. It is sent again within a run only while the earlier try provably never
/// reached the server (the connection was refused, the name did not resolve); any other failure (a
/// 5xx, a timeout, a reset once the request was out) leaves it owed, for a later run to send once.
/// A refusal of the credentials (401) is renewed and resent once by the session, as every call is:
/// the API did not act on it.
/// </summary>
internal sealed class SuccessSignal
{
    private readonly PromoOnlySession _session;
    private readonly PoolApiClient _client;
    private readonly RetryPolicy _retry;
    private readonly BackoffGate _backoff;
    private readonly IPoolLog _log;

    public SuccessSignal(PromoOnlySession session, PoolApiClient client, RetryPolicy retry, BackoffGate backoff, IPoolLog log)
    {
        _session = session;
        _client = client;
        _retry = retry;
        _backoff = backoff;
        _log = log;
    }

    public async Task<(SignalOutcome Outcome, PoolApiException? Failure)> SendAsync(long trackId, int serverId, string dlToken, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            await _backoff.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _session.WithBearerAsync(
                    async (bearer, c) =>
                    {
                        await _client.SignalSuccessAsync(trackId, serverId, dlToken, bearer, c).ConfigureAwait(false);
                        return true;
                    },
                    $"Track {trackId}",
                    cancellationToken).ConfigureAwait(false);
                return (SignalOutcome.Confirmed, null);
            }
            catch (PoolApiException failure) when (NeverReached(failure) && attempt < _retry.MaxRetries)
            {
                TimeSpan delay = _retry.Backoff(attempt);
                _log.Verbose($"Track {trackId} (success signal): it never reached the POOL API ({ServerText.Innermost(failure)}); retry {attempt + 1} of {_retry.MaxRetries} in {RetryPolicy.Seconds(delay)}.");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (PoolApiException failure)
            {
                return (failure.Kind == PoolErrorKind.Refused ? SignalOutcome.Declined : SignalOutcome.Pending, failure);
            }
        }
    }

    /// <summary>The queue named the host without an id: endpoint 1 for the same track has it (contract 5.1).</summary>
    public async Task<int?> FindServerIdAsync(long trackId, string host, List<PoolApiException> problems, CancellationToken cancellationToken)
    {
        try
        {
            ServerList servers = await _retry.RunAsync(c => _session.GetDownloadServersAsync(_client, trackId, c), _backoff, _log, $"Track {trackId} (server id)", cancellationToken).ConfigureAwait(false);
            if (servers.Servers.FirstOrDefault(s => string.Equals(s.Host, host, StringComparison.OrdinalIgnoreCase)) is { } match)
            {
                return match.Id;
            }

            problems.Add(new PoolApiException(PoolErrorKind.NotAcknowledged, $"Track {trackId}: the file is saved, but GET /download/server/{trackId} does not list {host}, so its server id for the success signal is unknown; the account's download history may not show it."));
        }
        catch (PoolApiException failure)
        {
            problems.Add(new PoolApiException(PoolErrorKind.NotAcknowledged, $"Track {trackId}: the file is saved, but the server id for the success signal could not be looked up ({failure.Message})", failure.StatusCode, failure.ServerMessage, failure));
        }

        return null;
    }

    /// <summary>What to tell the user when the signal was not confirmed.</summary>
    public static PoolApiException Unconfirmed(long trackId, string fileName, SignalOutcome outcome, PoolApiException failure) =>
        new(
            PoolErrorKind.NotAcknowledged,
            outcome == SignalOutcome.Pending
                ? $"Track {trackId}: the file '{fileName}' is saved and verified, but the POOL API did not confirm the download ({failure.Message}). The signal may not have arrived, so it is noted in the folder's download record as pending: the next Save-PromoTrack into this folder sends it once."
                : $"Track {trackId}: the file '{fileName}' is saved and verified, but the POOL API declined the success signal ({failure.Message}); the account's download history may not show it.",
            failure.StatusCode,
            failure.ServerMessage,
            failure);

    /// <summary>
    /// True only when the request provably never reached the server: the connection was refused, or the
    /// host name did not resolve, or there was no route. A reset, a timeout or any answer may have come
    /// after the server acted on it.
    /// </summary>
    internal static bool NeverReached(PoolApiException failure)
    {
        if (failure.Kind != PoolErrorKind.Network)
        {
            return false;
        }

        for (Exception? cause = failure.InnerException; cause is not null; cause = cause.InnerException)
        {
            if (cause is SocketException socket)
            {
                return socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain
                    or SocketError.NoData or SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.AddressNotAvailable;
            }

            if (cause is WebException web && web.Status is WebExceptionStatus.NameResolutionFailure or WebExceptionStatus.ProxyNameResolutionFailure or WebExceptionStatus.ConnectFailure)
            {
                return true;
            }
        }

        return false;
    }
}
