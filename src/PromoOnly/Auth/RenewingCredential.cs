using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Auth;

/// <summary>
/// API key and secret that buy a fresh token (endpoint 2) before the current one runs out, or once
/// after a 401. Callers that need a token while a renewal is under way join it: one request, no stampede.
/// </summary>
internal sealed class RenewingCredential : SessionCredential
{
    private readonly int _userId;
    private readonly SecureString _apiKey;
    private readonly SecureString _apiSecret;
    private readonly MonotonicClock _clock;
    private readonly object _gate = new();
    private AccessToken? _current;
    private Task<AccessToken>? _renewal;
    private int _renewals;

    public RenewingCredential(AuthenticationMode mode, int userId, SecureString apiKey, SecureString apiSecret, AccessToken? initial, MonotonicClock clock)
    {
        Mode = mode;
        _userId = userId;
        _apiKey = apiKey;
        _apiSecret = apiSecret;
        _current = initial;
        _clock = clock;
    }

    public override AuthenticationMode Mode { get; }

    public override int RenewalCount => Volatile.Read(ref _renewals);

    public override DateTime? TokenExpiresAt =>
        Volatile.Read(ref _current)?.ExpiresAt is { } expires ? _clock.ToUtc(expires) : null;

    public override Task<AccessToken> GetTokenAsync(PoolApiClient client, CancellationToken cancellationToken)
    {
        AccessToken? current = Volatile.Read(ref _current);
        return current is not null && !current.NeedsRenewal(_clock.Now)
            ? Task.FromResult(current)
            : JoinRenewal(current, client, cancellationToken);
    }

    public override async Task<AccessToken?> RenewAfterRejectionAsync(AccessToken rejected, PoolApiClient client, CancellationToken cancellationToken) =>
        await JoinRenewal(rejected, client, cancellationToken).ConfigureAwait(false);

    public override void Wipe()
    {
        _apiKey.Dispose();
        _apiSecret.Dispose();
        Volatile.Read(ref _current)?.Value.Dispose();
    }

    private Task<AccessToken> JoinRenewal(AccessToken? stale, PoolApiClient client, CancellationToken cancellationToken)
    {
        Task<AccessToken> renewal;
        lock (_gate)
        {
            // Another caller already replaced the stale token: use theirs rather than renew again.
            if (_current is not null && !ReferenceEquals(_current, stale) && !_current.NeedsRenewal(_clock.Now))
            {
                return Task.FromResult(_current);
            }

            if (_renewal is null || _renewal.IsCompleted)
            {
                _renewal = RenewAsync(client);
            }

            renewal = _renewal;
        }

        // The shared renewal is not tied to one caller's Ctrl+C; each caller can still stop waiting.
        return renewal.WaitAsync(cancellationToken);
    }

    private async Task<AccessToken> RenewAsync(PoolApiClient client)
    {
        TimeSpan asked = _clock.Now;
        IssuedToken issued = await client.AuthenticateAsync(_userId, _apiKey, _apiSecret, CancellationToken.None).ConfigureAwait(false);
        AccessToken token = AccessToken.Issued(issued, asked);
        Volatile.Write(ref _current, token);
        Interlocked.Increment(ref _renewals);
        return token;
    }
}
