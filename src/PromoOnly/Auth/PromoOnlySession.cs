using System;
using System.Collections.Generic;
using System.Net.Http;
using PromoOnly.Auth;

namespace PromoOnly;

/// <summary>
/// A connection to the POOL API. Its public surface is state only; the secrets stay in an internal
/// credential, so formatting, ConvertTo-Json and Export-Clixml of a session can never show them.
/// Public, so in the root namespace scripts see; it lives with the credentials it holds in Auth/.
/// </summary>
public sealed class PromoOnlySession
{
    internal PromoOnlySession(int userId, Uri apiBaseUri, SessionCredential credential, DateTime connectedAt, HttpClient http, Uri? proxy)
    {
        Http = http;
        Proxy = proxy;
        UserId = userId;
        ApiBaseUri = apiBaseUri;
        Credential = credential;
        ConnectedAt = connectedAt;
    }

    /// <summary>The POOL account id.</summary>
    public int UserId { get; }

    /// <summary>The only address this session sends credentials to.</summary>
    public Uri ApiBaseUri { get; }

    /// <summary>
    /// Token, ApiKey or SignIn (the names of <see cref="PromoOnly.AuthenticationMode"/>). A string, so
    /// ConvertTo-Json and CSV exports show the name, not the enum's number.
    /// </summary>
    public string AuthenticationMode => Credential.Mode.ToString();

    /// <summary>When the session was opened, in UTC.</summary>
    public DateTime ConnectedAt { get; }

    /// <summary>When the current token runs out (UTC, from the server's stated lifetime); empty for a supplied token, whose expiry is unknown.</summary>
    public DateTime? TokenExpiresAt => Credential.TokenExpiresAt;

    /// <summary>How many times the session renewed its token by itself.</summary>
    public int RenewalCount => Credential.RenewalCount;

    /// <summary>The proxy every call of this session goes through; empty for the system default.</summary>
    public Uri? Proxy { get; }

    /// <summary>
    /// Media hosts the user trusted with the credentials beyond the default rule (Connect-PromoOnly
    /// -TrustedMediaHost): host names, or *.domain for every host under a domain.
    /// </summary>
    public IReadOnlyList<string> TrustedMediaHosts { get; internal set; } = Array.Empty<string>();

    private volatile bool _disconnected;

    /// <summary>True once Disconnect-PromoOnly wiped this session's secrets.</summary>
    public bool IsDisconnected => _disconnected;

    internal SessionCredential Credential { get; }

    internal HttpClient Http { get; }

    internal void Disconnect()
    {
        // Set before the wipe, so a lookup that meets a disposed secret can tell why.
        _disconnected = true;
        Credential.Wipe();
    }

    public override string ToString() => $"POOL user {UserId} at {ApiBaseUri} ({AuthenticationMode})";
}
