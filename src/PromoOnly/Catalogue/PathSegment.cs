using System;
using System.Globalization;
using System.Text;

namespace PromoOnly.Catalogue;

/// <summary>
/// User text as one path segment of a documented URL (<c>/genres/{GENRE}/…</c>, <c>/rsearch/{STRING}</c>,
/// <c>/qsearch/{TEXT}</c>): letters, digits and <c>-._~</c> stay, a space becomes the endpoint's
/// space character, everything else is %XX of its UTF-8 bytes, so no value can end its segment or
/// add a query. A segment of only "." or ".." is refused: URI resolution (.NET and Mono alike, even
/// for %2E) would turn it into a step to another path instead of a value.
/// </summary>
internal static class PathSegment
{
    /// <summary>
    /// The documented genre form: "&amp;" becomes "_and_" and a space "_" (R&amp;B is R_and_B, Top 40 is
    /// Top_40); surrounding spaces are dropped first, so "Top 40 " does not become "Top_40_".
    /// </summary>
    public static string Genre(string genre) =>
        Escape(genre.Trim().Replace("&", "_and_"), '_', "genre");

    /// <exception cref="ArgumentException">The value is empty, or would be a "." or ".." segment.</exception>
    public static string Escape(string value, char space, string what)
    {
        string segment = Encode(value, space);
        if (segment.Length == 0)
        {
            throw new ArgumentException($"The {what} is empty.");
        }

        if (segment is "." or "..")
        {
            throw new ArgumentException($"The {what} '{value}' cannot be sent: as a path segment it would address another path of the API.");
        }

        return segment;
    }

    /// <summary>The escaping alone, for text that is part of a larger segment (a search term's value).</summary>
    public static string Encode(string value, char space)
    {
        var escaped = new StringBuilder(value.Length * 3);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
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
}
