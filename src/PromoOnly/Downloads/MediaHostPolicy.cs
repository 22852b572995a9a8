using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace PromoOnly.Downloads;

/// <summary>
/// Which media hosts may receive the Bearer header (contract 5.2 and "our decisions"): for the
/// live API (promoonly.com or a host under it) hosts under promoonly.com; for an API on a loopback
/// address, loopback hosts; otherwise none, unless the user trusted them explicitly
/// (Connect-PromoOnly -TrustedMediaHost: a host name, or *.domain for the hosts under a domain).
/// The API's "own domain" is never guessed from its host name: pool-api.herokuapp.test must not
/// hand the token to attacker-app.herokuapp.test. An IP literal of any other network (private
/// ranges, link-local such as 169.254.169.254) qualifies only when trusted by name.
/// </summary>
internal sealed class MediaHostPolicy
{
    /// <summary>The live service's domain: api.promoonly.com, and its media hosts under it.</summary>
    public const string LiveDomain = "promoonly.com";

    private readonly bool _apiIsLoopback;
    private readonly bool _apiIsLive;
    private readonly string[] _trusted;

    public MediaHostPolicy(Uri apiBaseUri, IEnumerable<string>? trusted = null)
    {
        string apiHost = Normalize(apiBaseUri.IdnHost);
        _apiIsLoopback = IsLoopback(apiHost);
        _apiIsLive = !_apiIsLoopback && Under(apiHost, LiveDomain);
        _trusted = (trusted ?? Array.Empty<string>()).Select(Normalize).Where(t => t.Length > 0).ToArray();
    }

    /// <summary>Where media hosts must be, for messages.</summary>
    public string Domain =>
        _apiIsLoopback ? "loopback" : _apiIsLive ? LiveDomain : "the hosts trusted with -TrustedMediaHost";

    /// <summary>How to let a left-out host receive the credentials anyway, for messages.</summary>
    public string Advice => " (Connect-PromoOnly -TrustedMediaHost trusts a host explicitly)";

    /// <summary>Checks a host pattern for -TrustedMediaHost: a plain host name, or *. before one; null when fine, else why not.</summary>
    public static string? PatternProblem(string pattern)
    {
        string name = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern.Substring(2) : pattern;
        return Client.HostNameValidator.IsValid(name) && name.IndexOf(':') < 0
            ? null
            : $"'{pattern}' is not a host name (such as media.example.net) or *. followed by one (such as *.example.net); give no scheme, port or path";
    }

    /// <summary><paramref name="host"/> is a validated "name[:port]" from the queue answer.</summary>
    public bool MayReceiveCredentials(string host)
    {
        string name = Normalize(StripPort(host));
        if (_trusted.Any(t => t.StartsWith("*.", StringComparison.Ordinal) ? Under(name, t.Substring(2)) && name != t.Substring(2) : name == t))
        {
            return true;
        }

        if (_apiIsLoopback)
        {
            return IsLoopback(name);
        }

        return _apiIsLive && !IPAddress.TryParse(name, out _) && Under(name, LiveDomain);
    }

    /// <summary>Whether <paramref name="host"/> is this machine, where plain http never crosses a network.</summary>
    public static bool IsLoopbackHost(string host) => IsLoopback(Normalize(StripPort(host)));

    private static bool Under(string name, string domain) =>
        name == domain || name.EndsWith("." + domain, StringComparison.Ordinal);

    private static string Normalize(string host) => host.Trim().TrimEnd('.').ToLowerInvariant();

    private static string StripPort(string host)
    {
        // [::1]:8080 and [::1] keep their brackets' content; name:port loses the port.
        if (host.StartsWith("[", StringComparison.Ordinal))
        {
            int close = host.IndexOf(']');
            return close > 0 ? host.Substring(1, close - 1) : host;
        }

        int colon = host.LastIndexOf(':');
        return colon >= 0 && host.IndexOf(':') == colon ? host.Substring(0, colon) : host;
    }

    private static bool IsLoopback(string name) =>
        name == "localhost" || (IPAddress.TryParse(name.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));
}
