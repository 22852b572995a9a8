using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Preferences;

/// <summary>
/// A server's JSON as plain .NET values for fields the module does not know yet: text cleaned, masked
/// and capped like every catalogue text, whole numbers as long, booleans, lists as object[] and objects
/// as dictionaries, at most <see cref="MaxEntries"/> entries each (strict parsing already bounds depth).
/// </summary>
internal static class PlainJson
{
    public const int MaxEntries = 1000;

    public static object? From(JToken token) => token switch
    {
        JObject obj => obj.Properties().Take(MaxEntries).GroupBy(p => Key(p.Name)).ToDictionary(g => g.Key, g => From(g.First().Value)),
        JArray list => list.Take(MaxEntries).Select(From).ToArray(),
        JValue { Type: JTokenType.String } text => ServerText.Field((string?)text, LenientJson.MaxTextLength),
        JValue { Type: JTokenType.Integer } number => LenientJson.ToLong(number) is { } whole ? whole : (object?)number.ToString(),
        JValue { Type: JTokenType.Float } number => (double)number,
        JValue { Type: JTokenType.Boolean } flag => (bool)flag,
        _ => null,
    };

    /// <summary>A field name as the server spelled it, cleaned and masked for display.</summary>
    public static string Key(string name) => ServerText.Field(name, 100);
}
