using System;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Auth;

/// <summary>What a session authenticates with, and whether it can get a new token by itself.</summary>
internal abstract class SessionCredential
{
    public abstract AuthenticationMode Mode { get; }

    public abstract int RenewalCount { get; }

    /// <summary>Best estimate of the current token's expiry in UTC; null when unknown.</summary>
    public abstract DateTime? TokenExpiresAt { get; }

    public abstract Task<AccessToken> GetTokenAsync(PoolApiClient client, CancellationToken cancellationToken);

    /// <summary>After a 401 for <paramref name="rejected"/>: a new token, or null when this credential cannot renew.</summary>
    public abstract Task<AccessToken?> RenewAfterRejectionAsync(AccessToken rejected, PoolApiClient client, CancellationToken cancellationToken);

    /// <summary>Disposes every secret held; the credential is unusable afterwards.</summary>
    public abstract void Wipe();
}
