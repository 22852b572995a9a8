namespace PromoOnly.Downloads;

/// <summary>
/// What a <c>dl_token</c> may be before it becomes the last segment of a media address (contract
/// 5.2): one plain URL path segment of sane length. Anything else would be cut, escaped into another
/// token, or resolved to another path (<c>.</c>, <c>..</c>) on the media host, so it is refused.
/// </summary>
internal static class DlTokenRule
{
    /// <summary>Far above any token seen (32 hex characters); far below what a URL may carry.</summary>
    public const int MaxLength = 512;

    /// <summary>Null when <paramref name="token"/> is usable, else why not (never the token itself: it authorises a download).</summary>
    public static string? Problem(string token)
    {
        if (token.Length > MaxLength)
        {
            return $"it is {token.Length} characters long, more than the {MaxLength} a download token may have";
        }

        if (token is "." or "..")
        {
            return "it is a dot segment, which would name another path on the media host";
        }

        foreach (char c in token)
        {
            // RFC 3986 unreserved characters: a segment that needs no escaping means the same everywhere.
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.' or '_' or '~'))
            {
                return "it holds characters other than letters, digits and - . _ ~, so it is not one plain URL path segment";
            }
        }

        return null;
    }
}
