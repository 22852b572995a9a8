using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PromoOnly.Client;

/// <summary>
/// The POOL API explains failures with a <c>{"result": "..."}</c> object (its shape is undocumented);
/// this finds that text, or falls back to a capped excerpt of whatever the body was.
/// </summary>
internal static class ResponseMessage
{
    public static string? FromObject(JObject obj) =>
        obj["result"] is JValue { Type: JTokenType.String } result ? ServerText.Excerpt((string)result!) : null;

    public static string? FromBody(string body)
    {
        if (body.Trim().Length == 0)
        {
            return null;
        }

        return TryParseObject(body) is { } obj && FromObject(obj) is { } said ? said : ServerText.Excerpt(body);
    }

    /// <summary>The string value of a top-level property, or null when the body is not such an object.</summary>
    public static string? StringProperty(string body, string name) =>
        TryParseObject(body)?[name] is JValue { Type: JTokenType.String } value ? (string?)value : null;

    private static JObject? TryParseObject(string body)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, MaxDepth = 32 };
            return JToken.ReadFrom(reader) as JObject;
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page, say): callers quote it as text.
            return null;
        }
    }
}
