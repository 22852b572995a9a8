using System;
using System.Collections.Generic;
using System.Text;

namespace PromoOnly.Client;

/// <summary>
/// The spellings a secret takes on the wire and in what a server quotes back. The secret itself;
/// URL-encoded as a form field or a query carries it (space as <c>+</c> or <c>%20</c>, either hex
/// case); JSON-escaped as PHP writes it (<c>\/</c>, <c>\u00e9</c>); and base64 of its UTF-8 bytes
/// (standard, URL-safe, URL-encoded, JSON-escaped). A pair, <c>{userid}:{token}</c> or
/// <c>{key}:{secret}</c> as the Authorization headers carry it, gets the base64 spellings. Base64 is
/// looked for without its padding, so a padded echo (and "Bearer …", the whole header value) is
/// covered too. Every spelling lives in a buffer that is wiped once it has been looked for.
/// </summary>
internal static class SecretForms
{
    /// <summary>
    /// A spelling derived from a secret is looked for only from this length on: the base64 of a
    /// three-letter password would match ordinary words. The secret itself is always looked for.
    /// </summary>
    public const int MinDerivedLength = 8;

    /// <summary>
    /// Punctuation that URL encoders leave as it is, besides letters and digits: RFC 3986 (and
    /// FormBody, which sends the form), PHP's urlencode, and .NET's WebUtility.UrlEncode.
    /// </summary>
    private static readonly string[] KeptByEncoders = { "-._~", "-._", "-_.!*()" };

    /// <summary>Calls <paramref name="visit"/> with each distinct spelling (buffer, length); the buffer is wiped afterwards.</summary>
    public static void Visit(char[] secret, char[]? pair, Action<char[], int> visit)
    {
        var seen = new List<char[]>();
        try
        {
            Offer(seen, (char[])secret.Clone(), secret.Length, visit, derived: false);
            byte[] utf8 = Encoding.UTF8.GetBytes(secret);
            try
            {
                // Only the variants that can differ are built: a hex token has no URL-encoded or
                // JSON-escaped spelling of its own, and most base64 has no '+' or '/'.
                foreach (string kept in KeptByEncoders)
                {
                    if (Array.Exists(utf8, b => !Unreserved(b, kept)))
                    {
                        PercentSpellings(seen, utf8, kept, visit);
                    }
                }

                if (Array.Exists(secret, c => c is '/' or '"' or '\\' || c < ' ' || c > '~'))
                {
                    Offer(seen, JsonEscaped(secret, secret.Length), visit);
                }

                Base64Spellings(seen, utf8, visit);
            }
            finally
            {
                Array.Clear(utf8, 0, utf8.Length);
            }

            if (pair is not null)
            {
                byte[] pairUtf8 = Encoding.UTF8.GetBytes(pair);
                try
                {
                    Base64Spellings(seen, pairUtf8, visit);
                }
                finally
                {
                    Array.Clear(pairUtf8, 0, pairUtf8.Length);
                }
            }
        }
        finally
        {
            foreach (char[] spelling in seen)
            {
                Array.Clear(spelling, 0, spelling.Length);
            }
        }
    }

    private static void Base64Spellings(List<char[]> seen, byte[] bytes, Action<char[], int> visit)
    {
        char[] standard = new char[(bytes.Length + 2) / 3 * 4];
        int length = Convert.ToBase64CharArray(bytes, 0, bytes.Length, standard, 0);
        while (length > 0 && standard[length - 1] == '=')
        {
            length--;
        }

        char[] urlSafe = new char[length];
        for (int i = 0; i < length; i++)
        {
            urlSafe[i] = standard[i] switch { '+' => '-', '/' => '_', char c => c };
        }

        if (Array.IndexOf(standard, '+', 0, length) >= 0 || Array.IndexOf(standard, '/', 0, length) >= 0)
        {
            Offer(seen, JsonEscaped(standard, length), visit);
            byte[] ascii = Encoding.ASCII.GetBytes(standard, 0, length);
            PercentSpellings(seen, ascii, KeptByEncoders[0], visit);
            Array.Clear(ascii, 0, ascii.Length);
            Offer(seen, urlSafe, visit);
        }
        else
        {
            Array.Clear(urlSafe, 0, urlSafe.Length);
        }

        Offer(seen, Trimmed(standard, length), visit);
    }

    /// <summary>Visits a spelling unless it is too short or already visited; keeps it for the final wipe either way.</summary>
    private static void Offer(List<char[]> seen, char[] spelling, Action<char[], int> visit, bool derived = true) =>
        Offer(seen, spelling, spelling.Length, visit, derived);

    private static void Offer(List<char[]> seen, char[] spelling, int length, Action<char[], int> visit, bool derived)
    {
        bool known = seen.Exists(other => Same(other, spelling));
        seen.Add(spelling);
        if (!known && length > 0 && (!derived || length >= MinDerivedLength))
        {
            visit(spelling, length);
        }
    }

    private static bool Same(char[] a, char[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    private static char[] Trimmed(char[] chars, int length)
    {
        char[] trimmed = new char[length];
        Array.Copy(chars, trimmed, length);
        Array.Clear(chars, 0, chars.Length);
        return trimmed;
    }

    /// <summary>The spellings of one encoder: upper-case hex, and lower-case if any escape has a letter; a space as + and as %20.</summary>
    private static void PercentSpellings(List<char[]> seen, byte[] utf8, string kept, Action<char[], int> visit)
    {
        bool space = Array.IndexOf(utf8, (byte)' ') >= 0;
        bool letterHex = Array.Exists(utf8, b => !Unreserved(b, kept) && b != ' ' && ((b >> 4) >= 10 || (b & 0xF) >= 10));
        foreach (bool upper in letterHex ? new[] { true, false } : new[] { true })
        {
            Offer(seen, PercentEncoded(utf8, kept, upper, spaceAsPlus: true), visit);
            if (space)
            {
                Offer(seen, PercentEncoded(utf8, kept, upper, spaceAsPlus: false), visit);
            }
        }
    }

    private static bool Unreserved(byte b, string kept) =>
        (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || (b < 128 && kept.IndexOf((char)b) >= 0);

    /// <summary>Letters, digits and <paramref name="kept"/> stay; every other byte is %XX.</summary>
    private static char[] PercentEncoded(byte[] utf8, string kept, bool upper, bool spaceAsPlus)
    {
        var encoded = new char[utf8.Length * 3];
        int n = 0;
        string digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        foreach (byte b in utf8)
        {
            if (Unreserved(b, kept))
            {
                encoded[n++] = (char)b;
            }
            else if (b == ' ' && spaceAsPlus)
            {
                encoded[n++] = '+';
            }
            else
            {
                encoded[n++] = '%';
                encoded[n++] = digits[b >> 4];
                encoded[n++] = digits[b & 0xF];
            }
        }

        return Trimmed(encoded, n);
    }

    /// <summary>As PHP's json_encode writes a string by default: <c>\/</c>, <c>\"</c>, <c>\\</c>, and \uXXXX past ASCII.</summary>
    private static char[] JsonEscaped(char[] text, int length)
    {
        var escaped = new char[length * 6];
        int n = 0;
        for (int i = 0; i < length; i++)
        {
            char c = text[i];
            if (c is '/' or '"' or '\\')
            {
                escaped[n++] = '\\';
                escaped[n++] = c;
            }
            else if (c < ' ' || c > '~')
            {
                const string hex = "0123456789abcdef";
                escaped[n++] = '\\';
                escaped[n++] = 'u';
                escaped[n++] = hex[c >> 12];
                escaped[n++] = hex[(c >> 8) & 0xF];
                escaped[n++] = hex[(c >> 4) & 0xF];
                escaped[n++] = hex[c & 0xF];
            }
            else
            {
                escaped[n++] = c;
            }
        }

        return Trimmed(escaped, n);
    }
}
