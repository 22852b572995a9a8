using System;
using System.Globalization;

namespace PromoOnly.Client;

/// <summary>
/// Mirror host names come from the network and end up in download URLs, so only a plain DNS name
/// (or dotted IPv4 address) with an optional port passes: no scheme, path, query, user-info or spaces.
/// </summary>
internal static class HostNameValidator
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    public static bool IsValid(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        string name = host!;
        int colon = name.IndexOf(':');
        if (colon >= 0)
        {
            if (!IsValidPort(name.Substring(colon + 1)))
            {
                return false;
            }

            name = name.Substring(0, colon);
        }

        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            return false;
        }

        foreach (string label in name.Split('.'))
        {
            if (!IsValidLabel(label))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidPort(string port)
    {
        if (port.Length == 0 || port.Length > 5)
        {
            return false;
        }

        foreach (char c in port)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        int value = int.Parse(port, NumberStyles.None, CultureInfo.InvariantCulture);
        return value >= 1 && value <= 65535;
    }

    private static bool IsValidLabel(string label)
    {
        if (label.Length == 0 || label.Length > MaxLabelLength || label[0] == '-' || label[label.Length - 1] == '-')
        {
            return false;
        }

        foreach (char c in label)
        {
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
