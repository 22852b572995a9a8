using System;
using System.Net.Http.Headers;
using System.Security;
using PromoOnly.Auth;

namespace PromoOnly;

/// <summary>
/// A connection to the POOL API. Its public surface is state only; the secret stays internal, so
/// formatting, ConvertTo-Json and Export-Clixml of a session can never show it.
/// </summary>
public sealed class PromoOnlySession
{
    private readonly SecureString _token;

    internal PromoOnlySession(int userId, Uri apiBaseUri, AuthenticationMode authenticationMode, SecureString token, DateTime connectedAt)
    {
        UserId = userId;
        ApiBaseUri = apiBaseUri;
        AuthenticationMode = authenticationMode;
        ConnectedAt = connectedAt;
        _token = token;
    }

    /// <summary>The POOL account id.</summary>
    public int UserId { get; }

    /// <summary>The only address this session sends credentials to.</summary>
    public Uri ApiBaseUri { get; }

    public AuthenticationMode AuthenticationMode { get; }

    /// <summary>When the session was opened, in UTC.</summary>
    public DateTime ConnectedAt { get; }

    internal AuthenticationHeaderValue CreateAuthorization() =>
        new(BearerAuthorization.Scheme, BearerAuthorization.EncodeParameter(UserId, _token));

    public override string ToString() => $"POOL user {UserId} at {ApiBaseUri} ({AuthenticationMode})";
}
