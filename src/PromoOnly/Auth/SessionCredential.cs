using System;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Auth;

/// <summary>
/// What a session authenticates with, and whether it can get a new token by itself. Renewal is
/// the session's own work: it never runs on, logs into or times out with the command that asked.
/// </summary>
internal abstract class SessionCredential
{
    /// <param name="secrets">The session's masker, registered with <see cref="LiveSecrets"/> by the connect; the credential adds each token it gets and unregisters it on <see cref="Wipe"/>.</param>
    protected SessionCredential(SecretMasker secrets) => Secrets = secrets;

    /// <summary>Every secret of the session in the spellings a server could quote back.</summary>
    protected SecretMasker Secrets { get; }

    public abstract AuthenticationMode Mode { get; }

    public abstract int RenewalCount { get; }

    /// <summary>Best estimate of the current token's expiry in UTC; null when unknown.</summary>
    public abstract DateTime? TokenExpiresAt { get; }

    /// <summary>The token held now, without renewing it even when due; null before the first one.</summary>
    public abstract AccessToken? Current { get; }

    /// <summary>A token to send now; cancelling stops this caller waiting, never a renewal others share.</summary>
    public abstract Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// After <paramref name="rejected"/> was refused (a 401, or a 2xx <c>result</c> message when
    /// <paramref name="refusedWithMessage"/>): a new token, or null when this credential cannot renew.
    /// </summary>
    public abstract Task<AccessToken?> RenewAfterRejectionAsync(AccessToken rejected, bool refusedWithMessage, CancellationToken cancellationToken);

    /// <summary>Disposes every secret held and stops any renewal; the credential is unusable afterwards.</summary>
    public void Wipe()
    {
        // Disposed secrets could no longer be looked for anyway; leaving the registry says so at once.
        LiveSecrets.Unregister(Secrets);
        Secrets.Clear();
        WipeSecrets();
    }

    protected abstract void WipeSecrets();
}
