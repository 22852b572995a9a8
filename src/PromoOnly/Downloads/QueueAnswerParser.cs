using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json.Linq;
using PromoOnly.Client;

namespace PromoOnly.Downloads;

/// <summary>
/// Reads the 2xx body of <c>GET /download/queue/{id}</c>. The contract leaves the <c>servers</c> entry
/// shape open (plain host strings or <c>{host, id}</c> objects) and sends numbers as strings, so both
/// are accepted; an answer without a <c>dl_token</c> but with a <c>Result</c> (or <c>result</c>) text is
/// the API declining (Refused, the text quoted), one with neither is malformed.
/// </summary>
internal static class QueueAnswerParser
{
    /// <summary>Bounds what a hostile answer can make the module try.</summary>
    public const int MaxServers = 32;

    private const int MaxFieldLength = 400;

    public static QueuedTrack Parse(long trackId, string body)
    {
        if (body.Trim().Length == 0)
        {
            throw Invalid(trackId, "the POOL API sent an empty answer to the queue request", null);
        }

        if (StrictJson.TryParseObject(body) is not { } answer)
        {
            throw Invalid(trackId, $"the POOL API's answer to the queue request is not a JSON object: '{ServerText.Excerpt(body)}'", null);
        }

        string? said = Text(answer, "Result") ?? Text(answer, "result");
        if (Text(answer, "dl_token") is not { Length: > 0 } dlToken)
        {
            // An empty dl_token beside the queued message is a broken answer, not a refusal.
            if (said is null || answer["dl_token"] is JValue { Type: JTokenType.String })
            {
                string why = said is null ? "an answer without a dl_token" : $"an answer with an empty dl_token ('{ServerText.Excerpt(said)}')";
                throw Invalid(trackId, $"the POOL API did not queue the track: {why}", said);
            }

            // A message where data was expected (API.md, our decisions): possibly an expired token, so
            // Refused, which a renewing session answers with one renewal and one more try.
            string quoted = ServerText.Excerpt(said);
            throw new PoolApiException(PoolErrorKind.Refused, $"Track {trackId}: the POOL API did not queue the track: '{quoted}'.", statusCode: 200, serverMessage: quoted);
        }

        var servers = new List<QueuedServer>();
        var rejected = new List<string>();
        if (answer["servers"] is JArray entries)
        {
            foreach (JToken entry in entries)
            {
                (string? host, int? id) = entry switch
                {
                    JValue { Type: JTokenType.String } plain => ((string?)plain, (int?)null),
                    JObject obj => (Text(obj, "host"), Number(obj["id"])),
                    _ => (null, null),
                };
                if (host is not null && HostNameValidator.IsValid(host))
                {
                    if (servers.Count < MaxServers)
                    {
                        servers.Add(new QueuedServer(host, id));
                    }
                }
                else
                {
                    rejected.Add(host ?? entry.ToString());
                }
            }
        }

        string fileType = Text(answer, "file_type") ?? string.Empty;
        return new QueuedTrack(trackId, dlToken, servers, rejected, Text(answer, "artist") ?? string.Empty, Text(answer, "title") ?? string.Empty, Text(answer, "mix") ?? string.Empty, fileType);
    }

    /// <summary>A string, or a number written as text; capped, since these fields end up in file names.</summary>
    private static string? Text(JObject obj, string name) => obj[name] switch
    {
        JValue { Type: JTokenType.String } s => Cap((string)s!),
        JValue { Type: JTokenType.Integer or JTokenType.Float } n => n.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static int? Number(JToken? token) => token switch
    {
        JValue { Type: JTokenType.Integer } n when n.Value is long l && l is >= 0 and <= int.MaxValue => (int)l,
        JValue { Type: JTokenType.String } s when int.TryParse((string)s!, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) => parsed,
        _ => null,
    };

    private static string Cap(string text) => text.Length <= MaxFieldLength ? text : text.Substring(0, MaxFieldLength);

    private static PoolApiException Invalid(long trackId, string what, string? said) =>
        new(PoolErrorKind.InvalidResponse, $"Track {trackId}: {what}.", statusCode: 200, serverMessage: said);
}
