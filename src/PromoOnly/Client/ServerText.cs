using System;

namespace PromoOnly.Client;

/// <summary>
/// The one way untrusted text (bodies, reason phrases, .NET's exception messages, which quote
/// header names and host names) reaches an error, a Verbose line or a formatted object: made safe
/// for a terminal (<see cref="TerminalText"/>), every spelling of a live secret masked
/// (<see cref="LiveSecrets"/>), and capped, so a hostile server can neither flood the screen nor
/// get a secret quoted back by echoing it.
/// </summary>
internal static class ServerText
{
    /// <summary>How much of a server's text an error quotes; bodies can be megabytes of HTML.</summary>
    public const int MaxQuotedLength = 300;

    // Cleaned text kept before masking, so a secret that straddles the cut is still found whole.
    private const int MaskingSlack = 4096 + 64;

    /// <summary>Cleaned, masked and capped at <see cref="MaxQuotedLength"/> characters (marked with … when cut).</summary>
    public static string Excerpt(string? text)
    {
        string shown = Field(text, MaxQuotedLength + 1);
        return shown.Length <= MaxQuotedLength ? shown : shown.Substring(0, MaxQuotedLength).TrimEnd() + "…";
    }

    /// <summary>
    /// Cleaned, masked and cut at <paramref name="limit"/> characters without a mark: a value the
    /// server sent as data (a title, an artist) rather than a message.
    /// </summary>
    public static string Field(string? text, int limit)
    {
        string cleaned = LiveSecrets.Mask(TerminalText.Clean(text, limit + MaskingSlack));
        return cleaned.Length <= limit ? cleaned : cleaned.Substring(0, limit).TrimEnd();
    }

    /// <summary>The root cause ("Connection refused"), which says more than the wrappers around it, cleaned.</summary>
    public static string Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return Excerpt(exception.Message);
    }
}
