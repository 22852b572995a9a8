using System;
using System.Globalization;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Auth;

/// <summary>
/// API key and secret that buy a fresh token (endpoint 2) before the current one runs out, or once
/// after a refusal. The renewal belongs to the session: it runs on the session's own client (fixed
/// time limit, a log that writes nowhere), so the command that happened to trigger it can be
/// stopped or disposed without harming the others that joined it. One renewal at a time; a failed
/// one is shared by everyone waiting and remembered for a back-off, so an outage of the token
/// endpoint costs a handful of calls, not one per track.
/// </summary>
internal sealed class RenewingCredential : SessionCredential
{
    /// <summary>The first pause after a failed renewal; it doubles with each further failure.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    /// <summary>The longest Retry-After of the token endpoint that is honoured as it stands.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(10);

    private readonly int _userId;
    private readonly SecureString _apiKey;
    private readonly SecureString _apiSecret;
    private readonly PoolApiClient _renewer;
    private readonly MonotonicClock _clock;
    private readonly CancellationTokenSource _wiped = new();
    private readonly object _gate = new();
    private AccessToken? _current;
    private Task<AccessToken>? _renewal;
    private PoolApiException? _lastFailure;
    private TimeSpan _pausedUntil;
    private int _failuresInARow;
    private int _renewals;

    /// <param name="renewer">The session's own client; see <see cref="PoolApiClient.ForSessionWork"/>.</param>
    public RenewingCredential(AuthenticationMode mode, int userId, SecureString apiKey, SecureString apiSecret, AccessToken? initial, PoolApiClient renewer, MonotonicClock clock, SecretMasker secrets)
        : base(secrets)
    {
        secrets.AddApiCredential(apiKey, apiSecret);
        if (initial is not null)
        {
            secrets.AddToken(userId, initial.Value);
        }

        Mode = mode;
        _userId = userId;
        _apiKey = apiKey;
        _apiSecret = apiSecret;
        _current = initial;
        _renewer = renewer;
        _clock = clock;
    }

    public override AuthenticationMode Mode { get; }

    public override int RenewalCount => Volatile.Read(ref _renewals);

    public override DateTime? TokenExpiresAt =>
        Volatile.Read(ref _current)?.ExpiresAt is { } expires ? _clock.ToUtc(expires) : null;

    public override AccessToken? Current => Volatile.Read(ref _current);

    public override Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        AccessToken? current = Volatile.Read(ref _current);
        return current is not null && !current.NeedsRenewal(_clock.Now)
            ? Task.FromResult(current)
            : JoinRenewal(current, afterRejection: false, refusedWithMessage: false, cancellationToken);
    }

    public override async Task<AccessToken?> RenewAfterRejectionAsync(AccessToken rejected, bool refusedWithMessage, CancellationToken cancellationToken) =>
        await JoinRenewal(rejected, afterRejection: true, refusedWithMessage, cancellationToken).ConfigureAwait(false);

    protected override void WipeSecrets()
    {
        lock (_gate)
        {
            _wiped.Cancel();
        }

        _apiKey.Dispose();
        _apiSecret.Dispose();
        Volatile.Read(ref _current)?.Value.Dispose();
    }

    private Task<AccessToken> JoinRenewal(AccessToken? stale, bool afterRejection, bool refusedWithMessage, CancellationToken cancellationToken)
    {
        Task<AccessToken> renewal;
        lock (_gate)
        {
            TimeSpan now = _clock.Now;
            if (_wiped.IsCancellationRequested)
            {
                return Task.FromException<AccessToken>(Disconnected());
            }

            // Another caller already replaced the stale token: use theirs rather than renew again.
            if (_current is not null && !ReferenceEquals(_current, stale) && !_current.NeedsRenewal(now))
            {
                return Task.FromResult(_current);
            }

            if (_renewal is null || _renewal.IsCompleted)
            {
                if (_lastFailure is { } failure && now < _pausedUntil)
                {
                    // Inside the back-off: a token that has not run out yet still serves; otherwise
                    // every caller gets the remembered failure at once, without another call.
                    return !afterRejection && _current is { } usable && !usable.HasExpired(now)
                        ? Task.FromResult(usable)
                        : Task.FromException<AccessToken>(Remembered(failure, _pausedUntil - now, duringBackoff: true));
                }

                _renewal = Task.Run(() => RenewAsync(refusedWithMessage));
            }

            renewal = _renewal;
        }

        // Each caller can stop waiting (Ctrl+C); the renewal carries on for the others.
        Task<AccessToken> waiting = renewal.WaitAsync(cancellationToken);
        return !afterRejection && stale is not null && !stale.HasExpired(_clock.Now)
            ? KeepIfRenewalFails(waiting, stale)
            : waiting;
    }

    // An early renewal that fails costs nothing while the token it was to replace still works.
    private async Task<AccessToken> KeepIfRenewalFails(Task<AccessToken> waiting, AccessToken usable)
    {
        try
        {
            return await waiting.ConfigureAwait(false);
        }
        catch (PoolApiException failure) when (failure.Kind != PoolErrorKind.Disconnected && !usable.HasExpired(_clock.Now))
        {
            return usable;
        }
    }

    private async Task<AccessToken> RenewAsync(bool refusedWithMessage)
    {
        TimeSpan asked = _clock.Now;
        IssuedToken issued;
        try
        {
            issued = await _renewer.AuthenticateAsync(_userId, _apiKey, _apiSecret, _wiped.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (_wiped.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException)
        {
            throw Disconnected();
        }
        catch (PoolApiException failure)
        {
            TimeSpan pause = RememberFailure(failure);
            throw Remembered(failure, pause, duringBackoff: false);
        }

        AccessToken token = AccessToken.Issued(issued, asked, refusedWithMessage);
        Secrets.AddToken(_userId, token.Value);
        lock (_gate)
        {
            _current = token;
            _lastFailure = null;
            _failuresInARow = 0;
        }

        Interlocked.Increment(ref _renewals);
        return token;
    }

    /// <summary>Starts the back-off: the server's Retry-After when it gave one, else 1 s doubling up to a minute.</summary>
    private TimeSpan RememberFailure(PoolApiException failure)
    {
        lock (_gate)
        {
            _failuresInARow++;
            TimeSpan pause = failure.RetryAfter is { } asked
                ? (asked < MaxRetryAfter ? asked : MaxRetryAfter)
                : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(_failuresInARow - 1, 16)));
            _lastFailure = failure;
            _pausedUntil = _clock.Now + pause;
            return pause;
        }
    }

    /// <summary>
    /// The failure as each caller sees it, same kind. Those who waited on the failed attempt may retry
    /// (a transient outage), with the back-off as Retry-After so the retry lands after it and joins
    /// the next attempt. Those who arrive during the back-off fail at once and for good
    /// (<paramref name="duringBackoff"/>): retrying them too would hold every slot of a pipeline for
    /// the whole back-off, track after track, for the same answer.
    /// </summary>
    private PoolApiException Remembered(PoolApiException failure, TimeSpan remaining, bool duringBackoff) =>
        new(
            failure.Kind,
            $"Could not renew the access token of user {_userId.ToString(CultureInfo.InvariantCulture)}: {failure.Message} The session tries again in {RetryPolicy.Seconds(remaining)}.",
            failure.StatusCode,
            failure.ServerMessage,
            failure,
            RetryPolicy.IsRetryable(failure) ? remaining : failure.RetryAfter,
            final: duringBackoff);

    private PoolApiException Disconnected() =>
        new(PoolErrorKind.Disconnected, $"The session of POOL user {_userId.ToString(CultureInfo.InvariantCulture)} was disconnected (Disconnect-PromoOnly) while this command was using it.");
}
