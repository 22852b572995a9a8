using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PromoOnly.Client;

/// <summary>
/// Reads POOL API answers as RFC 8259 JSON and nothing looser. Newtonsoft reads the structure and,
/// by its load setting, refuses a key given twice, so <c>{"token":"invalid","token":"valid"}</c>
/// never reads as valid. What Newtonsoft accepts beyond RFC 8259 and no setting turns off (single
/// quotes, unquoted or numeric keys, trailing commas, comments, NaN, octal and hex numbers, raw
/// control characters in strings) is refused first by <see cref="JsonLexicalCheck"/>, which also
/// empties numbers no double holds.
/// </summary>
internal static class StrictJson
{
    public const int MaxDepth = 32;

    private static readonly JsonLoadSettings LoadSettings = new()
    {
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        LineInfoHandling = LineInfoHandling.Ignore,
    };

    /// <summary>The document in <paramref name="text"/>, or null with <paramref name="problem"/> saying why it is not strict JSON.</summary>
    public static JToken? TryParse(string text, out string problem)
    {
        string? readable = JsonLexicalCheck.Check(text, MaxDepth, out problem);
        if (readable is null)
        {
            return null;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(readable))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = MaxDepth,
#if NET
                // Its 2 KiB character buffer was the largest thing a lookup allocated.
                ArrayPool = SharedCharPool.Instance,
#endif
            };
            return JToken.ReadFrom(reader, LoadSettings);
        }
        catch (JsonReaderException ex)
        {
            // The reader's own message can quote the body; say where, not what.
            problem = ex.Message.Contains("Property with the name")
                ? "a property name appears twice in one object"
                : $"its structure breaks at line {ex.LineNumber}, character {ex.LinePosition} (a missing ',' or ':', or a bracket that does not match)";
            return null;
        }
    }

    /// <summary>The body as a JSON object, or null when it is not one (or not strict JSON at all).</summary>
    public static JObject? TryParseObject(string body) => TryParse(body, out _) as JObject;

    /// <summary>A top-level string property, or null when absent or of another type.</summary>
    public static string? StringOf(JObject obj, string name) =>
        obj[name] is JValue { Type: JTokenType.String } value ? (string?)value : null;

#if NET
    /// <summary>Newtonsoft's buffers from .NET's shared pool.</summary>
    private sealed class SharedCharPool : IArrayPool<char>
    {
        public static readonly SharedCharPool Instance = new();

        public char[] Rent(int minimumLength) => System.Buffers.ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(array);
            }
        }
    }
#endif
}
