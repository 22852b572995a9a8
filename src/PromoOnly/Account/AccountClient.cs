using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Auth;
using PromoOnly.Client;

namespace PromoOnly.Account;

/// <summary>The download queue and re-download calls of contract section 7, for a session.</summary>
internal sealed class AccountClient
{
    /// <summary>The documented endpoint takes a comma list; a hundred ids keep a request well under any URL or form limit.</summary>
    public const int RedownloadBatchSize = 100;

    private readonly SessionCalls _calls;

    public AccountClient(SessionCalls calls) => _calls = calls;

    /// <summary><c>GET /download/remove/{id}</c>; the documented answer is <c>{"result":"success"}</c>.</summary>
    public Task<bool> RemoveFromQueueAsync(long trackId, CancellationToken cancel) =>
        _calls.GetAsync(
            AccountAddress.RemoveFromQueue(_calls.BaseUri, trackId),
            $"removing track {trackId.ToString(CultureInfo.InvariantCulture)} from the download queue",
            PoolErrorKind.TrackNotFound,
            (document, subject) =>
            {
                ResultAnswer.RequireSuccess(document, subject);
                return true;
            },
            cancel,
            ResultAnswer.SalvageDocumentedSuccess);

    /// <summary><c>POST /download/redownload_request</c>, form <c>trackid_list=1,2&amp;reason=…</c>: how many were requeued.</summary>
    public Task<int> RequestRedownloadAsync(IReadOnlyList<long> trackIds, string reason, CancellationToken cancel)
    {
        if (trackIds.Count is 0 or > RedownloadBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(trackIds), $"A re-download request names 1 to {RedownloadBatchSize} tracks.");
        }

        return _calls.PostAsync(
            AccountAddress.RedownloadRequest(_calls.BaseUri),
            () => new FormBody().AddList("trackid_list", trackIds).Add("reason", reason),
            trackIds.Count == 1 ? $"the re-download request for track {trackIds[0].ToString(CultureInfo.InvariantCulture)}" : $"the re-download request for {trackIds.Count} tracks",
            PoolErrorKind.UnexpectedStatus,
            AccountAnswers.TracksRequeued,
            cancel);
    }
}
