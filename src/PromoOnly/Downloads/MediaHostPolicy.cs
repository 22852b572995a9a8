using System;
using System.Net;

namespace PromoOnly.Downloads;

/// <summary>
/// Which media hosts may receive the Bearer header (contract 5.2 and "our decisions"): only hosts in
/// the API's own domain. For the live API (api.promoonly.com) that is promoonly.com and its
/// subdomains; for an API on a loopback address (the emulator), loopback hosts. An IP literal of any
/// other network (private ranges, link-local such as 169.254.169.254) never qualifies, whatever the
/// API listed, so a hostile or broken answer cannot steer credentials into the local network.
/// </summary>
internal sealed class MediaHostPolicy
{
    private readonly bool _apiIsLoopback;
    private readonly string? _domain;

    public MediaHostPolicy(Uri apiBaseUri)
    {
        string apiHost = apiBaseUri.IdnHost.TrimEnd('.').ToLowerInvariant();
        _apiIsLoopback = IsLoopback(apiHost);
        if (!_apiIsLoopback && !IPAddress.TryParse(apiHost, out _))
        {
            // api.promoonly.com → promoonly.com; a two-label host is its own domain.
            string[] labels = apiHost.Split('.');
            _domain = labels.Length > 2 ? string.Join(".", labels, 1, labels.Length - 1) : apiHost;
        }
    }

    /// <summary>The domain media hosts must belong to, for messages; "loopback" for a local API.</summary>
    public string Domain => _apiIsLoopback ? "loopback" : _domain ?? "(none: the API address is an IP literal)";

    /// <summary><paramref name="host"/> is a validated "name[:port]" from the queue answer.</summary>
    public bool MayReceiveCredentials(string host)
    {
        string name = StripPort(host).TrimEnd('.').ToLowerInvariant();
        if (_apiIsLoopback)
        {
            return IsLoopback(name);
        }

        if (_domain is null || IPAddress.TryParse(name, out _))
        {
            return false;
        }

        return name == _domain || name.EndsWith("." + _domain, StringComparison.Ordinal);
    }

    private static string StripPort(string host)
    {
        int colon = host.LastIndexOf(':');
        return colon >= 0 ? host.Substring(0, colon) : host;
    }

    private static bool IsLoopback(string name) =>
        name == "localhost" || (IPAddress.TryParse(name.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));
}
