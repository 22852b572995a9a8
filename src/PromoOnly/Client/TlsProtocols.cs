using System.Net;

namespace PromoOnly.Client;

/// <summary>
/// Which TLS versions a Windows PowerShell process offers the API. .NET Framework reads them from
/// one process-wide setting that other modules and the user's profile share, so the module
/// changes it only where the API could not be reached at all: a process still limited to
/// TLS 1.0/1.1 (old .NET Framework defaults, or a script that pinned them).
/// </summary>
internal static class TlsProtocols
{
    // Named by value: netstandard2.0 knows neither SystemDefault nor Tls13 by name.
    private const SecurityProtocolType SystemDefault = 0;
    private const SecurityProtocolType Tls12 = (SecurityProtocolType)3072;
    private const SecurityProtocolType Tls13 = (SecurityProtocolType)12288;

    /// <summary>
    /// The setting the process should have, given the one it has: unchanged when the operating
    /// system chooses (SystemDefault: pinning TLS 1.2 there would switch off TLS 1.3 and whatever
    /// comes next) or when TLS 1.2 or newer is already allowed; otherwise the same set plus TLS 1.2.
    /// </summary>
    public static SecurityProtocolType Needed(SecurityProtocolType current)
    {
        if (current == SystemDefault || (current & (Tls12 | Tls13)) != 0)
        {
            return current;
        }

        return current | Tls12;
    }

#if !NET
    /// <summary>
    /// Applies <see cref="Needed"/> to the process, writing only when something changes. Only the
    /// netstandard2.0 build calls it, for .NET Framework; .NET 8 offers TLS 1.2 and 1.3 by default.
    /// </summary>
    public static void EnsureApiReachable()
    {
        SecurityProtocolType current = ServicePointManager.SecurityProtocol;
        SecurityProtocolType needed = Needed(current);
        if (needed != current)
        {
            ServicePointManager.SecurityProtocol = needed;
        }
    }
#endif
}
