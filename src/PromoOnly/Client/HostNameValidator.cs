using System;
using System.Globalization;

namespace PromoOnly.Client;

/// <summary>
/// Mirror host names come from the network and end up in download URLs, so only a plain DNS name
/// (or dotted IPv4 address) with an optional port passes: no scheme, path, query, user-info or spaces.
/// Numeric forms other than the canonical dotted quad (<c>2130706433</c>, <c>0x7f000001</c>,
/// <c>0177.0.0.1</c>, <c>1.2.3</c>) are refused: .NET would silently rewrite them to another address,
/// so the host shown and the host contacted would disagree.
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

        string[] labels = name.Split('.');
        foreach (string label in labels)
        {
            if (!IsValidLabel(label))
            {
                return false;
            }
        }

        // A name whose last label is a number is an IPv4 address to URL parsers (WHATWG "ends in a number").
        return !IsNumeric(labels[labels.Length - 1]) || IsCanonicalDottedQuad(labels);
    }

    private static bool IsNumeric(string label) =>
        AllDigits(label) || (label.Length > 2 && label[0] == '0' && (label[1] == 'x' || label[1] == 'X'));

    private static bool IsCanonicalDottedQuad(string[] labels)
    {
        if (labels.Length != 4)
        {
            return false;
        }

        foreach (string octet in labels)
        {
            bool canonical = AllDigits(octet) && octet.Length <= 3 && (octet.Length == 1 || octet[0] != '0')
                && int.Parse(octet, NumberStyles.None, CultureInfo.InvariantCulture) <= 255;
            if (!canonical)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllDigits(string text)
    {
        foreach (char c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    private static bool IsValidPort(string port)
    {
        if (port.Length == 0 || port.Length > 5)
        {
            return false;
        }

        if (!AllDigits(port))
        {
            return false;
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
