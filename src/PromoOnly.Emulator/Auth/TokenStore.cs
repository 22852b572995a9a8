using System.Collections.Concurrent;
using System.Security.Cryptography;
using PromoOnly.Emulator.Catalogue;

namespace PromoOnly.Emulator.Auth;

/// <summary>
/// Issued access tokens. A user may hold any number of live tokens at once (as with the real
/// API, signing in again does not revoke earlier tokens); each account's static token is
/// always valid.
/// </summary>
internal sealed class TokenStore(TimeProvider time, TimeSpan ttl)
{
    // Expired entries are only swept once the store gets this big; below it they cost nothing.
    private const int SweepThreshold = 1024;

    private readonly ConcurrentDictionary<(int UserId, string Token), DateTimeOffset> expiries = new();

    public TimeSpan Ttl => ttl;

    public string Issue(int userId)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        expiries[(userId, token)] = time.GetUtcNow() + ttl;
        if (expiries.Count > SweepThreshold)
        {
            SweepExpired();
        }

        return token;
    }

    /// <summary>
    /// The account a request's Authorization header names (Bearer base64("userid:token")), or null
    /// when it is missing, malformed, unknown or expired. Every endpoint and media host reads the
    /// header here; how each refuses is its own (see <see cref="AuthQuirks"/>).
    /// </summary>
    public Account? FindBearer(string? authorization) =>
        AuthorizationHeader.TryParseBearer(authorization, out int userId, out string token) ? FindAccount(userId, token) : null;

    /// <summary>The account the token belongs to, or null if the pair is unknown or expired.</summary>
    public Account? FindAccount(int userId, string token)
    {
        var account = Accounts.FindById(userId);
        var valid = account is not null
            && (string.Equals(token, account.StaticToken, StringComparison.Ordinal)
                || (expiries.TryGetValue((userId, token), out var expiry) && time.GetUtcNow() < expiry));
        return valid ? account : null;
    }

    private void SweepExpired()
    {
        var now = time.GetUtcNow();
        foreach (var entry in expiries)
        {
            if (entry.Value <= now)
            {
                expiries.TryRemove(entry);
            }
        }
    }
}
