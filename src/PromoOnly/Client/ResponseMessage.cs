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
        StringOf(obj, "result") is { } result ? ServerText.Excerpt(result) : null;

    /// <summary>A top-level string property, or null when absent or of another type.</summary>
    public static string? StringOf(JObject obj, string name) =>
        obj[name] is JValue { Type: JTokenType.String } value ? (string?)value : null;

    public static string? FromBody(string body)
    {
        if (body.Trim().Length == 0)
        {
            return null;
        }

        return TryParseObject(body) is { } obj && FromObject(obj) is { } said ? said : ServerText.Excerpt(body);
    }

    /// <summary>The body as a JSON object, or null when it is not one (or not JSON at all).</summary>
    public static JObject? TryParseObject(string body)
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
