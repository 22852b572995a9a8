using System;
using Newtonsoft.Json.Linq;

namespace PromoOnly.Client;

/// <summary>
/// The one way untrusted text (bodies, reason phrases, .NET's exception messages, which quote
/// header names and host names) reaches an error, a Verbose line or a formatted object. A hostile
/// server must not be able to recolour or clear the terminal (ESC sequences), reorder what the user
/// reads (bidi overrides), hide text (zero-width characters), forge extra log lines, flood the
/// screen, or get a secret of a session quoted back by echoing it in any spelling (<see cref="LiveSecrets"/>).
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
        string cleaned = LiveSecrets.Mask(TerminalText.Clean(text, MaxQuotedLength + MaskingSlack));
        return cleaned.Length <= MaxQuotedLength ? cleaned : cleaned.Substring(0, MaxQuotedLength).TrimEnd() + "…";
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

    /// <summary>The <c>result</c> text of a POOL API message object, cleaned; null when it has none.</summary>
    public static string? FromObject(JObject obj) =>
        StrictJson.StringOf(obj, "result") is { } result ? Excerpt(result) : null;

    /// <summary>What a failed answer says: its <c>result</c> text if it is a message object, else an excerpt of the body.</summary>
    public static string? FromBody(string body)
    {
        if (body.Trim().Length == 0)
        {
            return null;
        }

        return StrictJson.TryParseObject(body) is { } obj && FromObject(obj) is { } said ? said : Excerpt(body);
    }
}
