using System;
using System.Security;

namespace PromoOnly.Auth;

/// <summary>A token as the session holds it: the secret, and when (on the monotonic clock) it runs out.</summary>
internal sealed class AccessToken
{
    public AccessToken(SecureString value, TimeSpan? expiresAt, TimeSpan lifetime, bool renewedAfterRefusal = false)
    {
        Value = value;
        ExpiresAt = expiresAt;
        Lifetime = lifetime;
        RenewedAfterRefusal = renewedAfterRefusal;
    }

    /// <summary>
    /// A token the API just issued, asked for at <paramref name="askedAt"/>. Its lifetime counts from
    /// the asking, so network delay shortens the lifetime rather than extending it.
    /// </summary>
    public static AccessToken Issued(Client.IssuedToken issued, TimeSpan askedAt, bool renewedAfterRefusal = false) =>
        new(issued.Token, askedAt + issued.Lifetime, issued.Lifetime, renewedAfterRefusal);

    public SecureString Value { get; }

    /// <summary>Null for a token the user supplied: its expiry is unknown.</summary>
    public TimeSpan? ExpiresAt { get; }

    public TimeSpan Lifetime { get; }

    /// <summary>
    /// Bought because the API answered a lookup with a message instead of data. If this token gets a
    /// message too, the message is about the account (a daily limit, say), not the token: renewing
    /// again would only repeat it, once per track.
    /// </summary>
    public bool RenewedAfterRefusal { get; }

    public bool HasExpired(TimeSpan now) => ExpiresAt is { } expires && now >= expires;

    /// <summary>
    /// How long before expiry to renew: a fifth of the lifetime, at most a minute. Scaling with the
    /// lifetime keeps a short-lived token from being renewed on every request.
    /// </summary>
    public TimeSpan RenewalMargin => TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, Lifetime.Ticks / 5));

    public bool NeedsRenewal(TimeSpan now) => ExpiresAt is { } expires && now >= expires - RenewalMargin;
}
