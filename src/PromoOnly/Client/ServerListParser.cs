using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace PromoOnly.Client;

/// <summary>
/// Reads the body of a 2xx answer to <c>GET /download/server/{id}</c>. Whatever is not the promised
/// array of <c>{host, id}</c> objects (an id as a number or as its digits in text) is an
/// <see cref="PoolErrorKind.InvalidResponse"/>, so a caller
/// never sees a half-filled <see cref="DownloadServer"/>.
/// </summary>
internal static class ServerListParser
{
    public static ServerList Parse(long trackId, string body)
    {
        JToken root = ParseJson(trackId, body);
        if (root is JObject obj)
        {
            // A message instead of data is the API declining (API.md, our decisions), not a malformed answer.
            if (ServerMessage.Of(obj) is { } said)
            {
                throw new PoolApiException(PoolErrorKind.Refused, $"Track {trackId}: the POOL API answered with a message instead of a server list: '{said}'.", statusCode: 200, serverMessage: said);
            }

            throw Invalid(trackId, "the POOL API answered with an object instead of a server list", null);
        }

        if (root is not JArray array)
        {
            throw Invalid(trackId, $"the POOL API answered with a JSON {root.Type.ToString().ToLowerInvariant()} instead of a server list", null);
        }

        var servers = new List<DownloadServer>(array.Count);
        var rejected = new List<string>();
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is not JObject entry
                || entry["host"] is not JValue { Type: JTokenType.String } hostValue
                || entry["id"] is not JValue { Type: JTokenType.Integer or JTokenType.String } idValue)
            {
                throw Invalid(trackId, $"server entry {i + 1} of the answer is not a {{\"host\": <text>, \"id\": <integer>}} object", null);
            }

            if (!TryToInt(idValue, out int id))
            {
                throw Invalid(trackId, $"server entry {i + 1} has an id that is not a whole number from 0 to {int.MaxValue}", null);
            }

            string host = (string)hostValue!;
            if (HostNameValidator.IsValid(host))
            {
                servers.Add(new DownloadServer(trackId, id, host));
            }
            else
            {
                rejected.Add(host);
            }
        }

        return new ServerList(servers, rejected);
    }

    private static JToken ParseJson(long trackId, string body)
    {
        if (body.Trim().Length == 0)
        {
            throw Invalid(trackId, "the POOL API sent an empty answer", null);
        }

        // The reader's own message can echo body text at length; quote a capped excerpt instead.
        return StrictJson.TryParse(body, out string problem)
            ?? throw Invalid(trackId, $"the POOL API sent an answer that is not strict JSON ({problem}): '{ServerText.Excerpt(body)}'", null);
    }

    /// <summary>
    /// An integer, or its digits as text: API.md says ids drift between numbers and strings. Newtonsoft
    /// reads integers as long, or BigInteger past that; neither may wrap silently. A negative id would
    /// be sent back in the download success signal: no server has one.
    /// </summary>
    private static bool TryToInt(JValue value, out int id)
    {
        id = 0;
        if (value.Type == JTokenType.String)
        {
            string text = (string?)value ?? string.Empty;
            return text.Length is > 0 and <= 10 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
        }

        bool fits = value.Value is long l && l >= 0 && l <= int.MaxValue;
        id = fits ? (int)(long)value.Value! : 0;
        return fits;
    }

    private static PoolApiException Invalid(long trackId, string what, string? serverMessage) =>
        new(PoolErrorKind.InvalidResponse, $"Track {trackId}: {what}.", statusCode: 200, serverMessage: serverMessage);
}
