using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Client;

/// <summary>
/// The download workflow's API calls (contract section 5.1 and 5.3). What a queue answer must say
/// is the download workflow's to judge (Downloads/QueueAnswerParser), as a catalogue answer's is the
/// catalogue's; the media request itself is Downloads/MediaTransfer.
/// </summary>
internal sealed partial class PoolApiClient
{
    /// <summary>5.1: <c>GET /download/queue/{id}</c> with the Bearer header; the body of a 2xx answer, unread.</summary>
    public async Task<string> GetQueueAnswerAsync(long trackId, AuthenticationHeaderValue authorization, CancellationToken cancellationToken)
    {
        ApiResponse response = await SendAsync(HttpMethod.Get, ApiAddress.Queue(_baseUri, trackId), authorization, form: null, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess ? response.Body : throw StatusFailure(response, trackId);
    }

    /// <summary>5.3: <c>POST /download/success</c>, form <c>trackid=…&amp;serverid=…&amp;dl_token=…</c>; only a <c>"result":"success"</c> answer counts.</summary>
    public async Task SignalSuccessAsync(long trackId, int serverId, string dlToken, AuthenticationHeaderValue authorization, CancellationToken cancellationToken)
    {
        using var form = new FormBody()
            .Add("trackid", trackId.ToString(CultureInfo.InvariantCulture))
            .Add("serverid", serverId.ToString(CultureInfo.InvariantCulture))
            .Add("dl_token", dlToken);
        ApiResponse response = await SendAsync(HttpMethod.Post, ApiAddress.DownloadSuccess(_baseUri), authorization, form, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw StatusFailure(response, trackId);
        }

        string? said = StrictJson.TryParseObject(response.Body) is { } answer ? StrictJson.StringOf(answer, "result") : null;
        if (!string.Equals(said, "success", StringComparison.OrdinalIgnoreCase))
        {
            // Another result message is the API declining, possibly an expired token (API.md, our
            // decisions): Refused, which a renewing session answers with one renewal and one resend.
            string quoted = said is null ? ServerText.Excerpt(response.Body) : ServerText.Excerpt(said);
            PoolErrorKind kind = said is null ? PoolErrorKind.InvalidResponse : PoolErrorKind.Refused;
            throw new PoolApiException(kind, $"Track {trackId}: the POOL API did not confirm the download: '{quoted}'.", response.StatusCode, said is null ? null : quoted);
        }
    }
}
