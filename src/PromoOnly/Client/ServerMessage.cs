using Newtonsoft.Json.Linq;

namespace PromoOnly.Client;

/// <summary>
/// What a POOL API answer says when it declines or fails: the API reports failures as an object with
/// a <c>result</c> message (often with HTTP 200), so that text is quoted when there is one, and an
/// excerpt of the body otherwise. Both go through <see cref="ServerText"/>: cleaned, masked, capped.
/// </summary>
internal static class ServerMessage
{
    /// <summary>The <c>result</c> text of a message object, quoted; null when it has none.</summary>
    public static string? Of(JObject answer) =>
        StrictJson.StringOf(answer, "result") is { } result ? ServerText.Excerpt(result) : null;

    /// <summary>What a failed answer says: its <c>result</c> text if it is a message object, else an excerpt of the body; null for an empty body.</summary>
    public static string? OfBody(string body)
    {
        if (body.Trim().Length == 0)
        {
            return null;
        }

        return StrictJson.TryParseObject(body) is { } answer && Of(answer) is { } said ? said : ServerText.Excerpt(body);
    }
}
