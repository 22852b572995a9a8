using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using PromoOnly.Client;

namespace PromoOnly.Downloads;

/// <summary>
/// Reads the 2xx body of <c>GET /download/queue/{id}</c>. The contract leaves the <c>servers</c> entry
/// shape open (plain host strings or <c>{host, id}</c> objects) and sends numbers as strings, so both
/// are accepted. A bare <c>Result</c> (or <c>result</c>) message is the API declining (Refused, the text
/// quoted); an answer for another track, or whose <c>dl_token</c> is missing or not one plain path
/// segment, is malformed and nothing is downloaded.
/// </summary>
internal static class QueueAnswerParser
{
    private const int MaxFieldLength = 400;

    /// <summary>5.1, asked and read: the queue answer for <paramref name="trackId"/> as the download workflow uses it.</summary>
    public static async Task<QueuedTrack> QueueAsync(this PoolApiClient client, long trackId, AuthenticationHeaderValue authorization, CancellationToken cancellationToken) =>
        Parse(trackId, await client.GetQueueAnswerAsync(trackId, authorization, cancellationToken).ConfigureAwait(false));

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
        // Read whole, not capped like the other fields: a cut token would be another token.
        string? dlToken = answer["dl_token"] switch
        {
            JValue { Type: JTokenType.String } s => (string?)s,
            JValue { Type: JTokenType.Integer } n => n.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (dlToken is not { Length: > 0 })
        {
            // A bare message object is the API declining (API.md, our decisions): possibly an expired
            // token, so Refused, which a renewing session answers with one renewal and one more try.
            // An answer that carries queue data (or says it queued) but no token is broken, not a refusal.
            if (said is not null && answer["dl_token"] is null && !LooksQueued(answer, said))
            {
                string quoted = ServerText.Excerpt(said);
                throw new PoolApiException(PoolErrorKind.Refused, $"Track {trackId}: the POOL API did not queue the track: '{quoted}'.", statusCode: 200, serverMessage: quoted);
            }

            string why = answer["dl_token"] is null ? "has no dl_token" : "has an empty or non-text dl_token";
            throw Invalid(trackId, said is null
                ? $"the POOL API's answer to the queue request {why}, which a download needs"
                : $"the POOL API's answer to the queue request {why}, which a download needs ('{ServerText.Excerpt(said)}')", said);
        }

        if (DlTokenRule.Problem(dlToken) is { } unusable)
        {
            throw Invalid(trackId, $"the POOL API's dl_token cannot be used: {unusable}", null);
        }

        CheckTrackId(trackId, answer);
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
                // All kept (the 1 MiB answer cap bounds them): which may be used, and how many are probed, is MirrorChoice's call.
                if (host is not null && HostNameValidator.IsValid(host))
                {
                    servers.Add(new QueuedServer(host, id));
                }
                else
                {
                    rejected.Add(host ?? entry.ToString());
                }
            }
        }

        string fileType = Text(answer, "file_type") ?? string.Empty;
        return new QueuedTrack(trackId, dlToken, servers, rejected, Shown(answer, "artist"), Shown(answer, "title"), Shown(answer, "mix"), fileType);
    }

    /// <summary>Fields only a queued track's answer has: with any of them, a missing dl_token is a broken answer.</summary>
    private static bool LooksQueued(JObject answer, string said) =>
        answer["servers"] is not null || answer["trackid"] is not null || answer["queueid"] is not null || answer["file_type"] is not null
        || said.IndexOf("success", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>An answer about another track must never be saved under this one's id; a missing trackid is tolerated (lenient fields).</summary>
    private static void CheckTrackId(long trackId, JObject answer)
    {
        JToken? field = answer["trackid"];
        if (field is null || field.Type == JTokenType.Null || (field.Type == JTokenType.String && ((string?)field)?.Length == 0))
        {
            return;
        }

        long? said = field switch
        {
            JValue { Type: JTokenType.Integer } n when n.Value is long l => l,
            JValue { Type: JTokenType.String } s when long.TryParse((string)s!, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed) => parsed,
            _ => null,
        };
        if (said != trackId)
        {
            string which = said is { } other ? $"track {other}" : $"an unreadable track id '{ServerText.Excerpt(field!.ToString())}'";
            throw Invalid(trackId, $"the POOL API's answer to the queue request is for {which}, not for this track; nothing was downloaded", null);
        }
    }

    /// <summary>A string, or a number written as text; capped, since these fields end up in file names.</summary>
    private static string? Text(JObject obj, string name) => obj[name] switch
    {
        JValue { Type: JTokenType.String } s => Cap((string)s!),
        JValue { Type: JTokenType.Integer or JTokenType.Float } n => n.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>
    /// Metadata the user sees (the Saved result, the record, the file name): cleaned and masked like
    /// catalogue text, since a server can quote the request's Authorization header in a title.
    /// </summary>
    private static string Shown(JObject obj, string name) => obj[name] switch
    {
        // Capped by Field after masking, so a secret that straddles the cut is masked whole.
        JValue { Type: JTokenType.String } s => ServerText.Field((string)s!, MaxFieldLength),
        _ => Text(obj, name) ?? string.Empty,
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
