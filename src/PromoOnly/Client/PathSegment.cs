using System;
using System.Globalization;
using System.Text;

namespace PromoOnly.Client;

/// <summary>
/// One path segment of a request address, built from text a user or a server controls. Letters,
/// digits and <c>-._~</c> stay, a space becomes <c>+</c> (as the contract's search paths spell it;
/// <c>_</c> in a genre path),
/// every other character is %XX of its UTF-8 bytes, so no text can add a segment or a query. A
/// segment that comes out empty, <c>.</c> or <c>..</c> is refused: resolved against the API
/// address it names another path (<c>qsearch/..</c> is the API root), and RFC 3986 lets a server
/// treat <c>%2E</c> as a dot, so escaping the dots would not make it safe.
/// </summary>
internal static class PathSegment
{
    /// <summary>The escaped segment; <see cref="ArgumentException"/> naming <paramref name="what"/> when it would name another path.</summary>
    /// <param name="space">What a space becomes: <c>+</c> in the search paths, <c>_</c> in a genre path.</param>
    public static string Escape(string text, string what, char space = '+')
    {
        string escaped = EscapeText(text, space);
        if (escaped.Length == 0 || escaped == "." || escaped == "..")
        {
            throw new ArgumentException(escaped.Length == 0
                ? $"{Capitalized(what)} is empty; it needs something to look for."
                : $"{Capitalized(what)} '{escaped}' is only dots, which an address reads as a step to another path; it needs something to look for.");
        }

        return escaped;
    }

    /// <summary>The escaping alone, for a value inside a segment that other text already anchors (<c>artist:…</c>).</summary>
    public static string EscapeText(string text, char space = '+')
    {
        var escaped = new StringBuilder(text.Length * 3);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            if (b == (byte)' ')
            {
                escaped.Append(space);
            }
            else if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
