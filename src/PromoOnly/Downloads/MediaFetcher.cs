using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Downloads;

/// <summary>
/// One media request on one mirror, over the right scheme (API.md, our decisions): https:// first;
/// http:// only where the host does not offer https, which the session remembers per host and
/// says once per host in a warning (never for loopback, where nothing crosses a network); never
/// http:// with -RequireHttps, nor to a host whose https worked before or whose certificate failed.
/// </summary>
internal sealed class MediaFetcher
{
    private readonly MediaTransfer _transfer;
    private readonly MediaSchemes _schemes;
    private readonly bool _requireHttps;
    private readonly IPoolLog _log;

    public MediaFetcher(MediaTransfer transfer, MediaSchemes schemes, bool requireHttps, IPoolLog log)
    {
        _transfer = transfer;
        _schemes = schemes;
        _requireHttps = requireHttps;
        _log = log;
    }

    /// <summary>Like <see cref="MediaTransfer.RunAsync(string, bool, string, AuthenticationHeaderValue, PartialFile, TransferProgress, ProgressBoard, CancellationToken)"/>, on the scheme the host allows.</summary>
    public async Task<TransferResult> RunAsync(long trackId, string host, string dlToken, AuthenticationHeaderValue bearer, PartialFile file, TransferProgress progress, ProgressBoard board, CancellationToken cancellationToken)
    {
        bool? offered = _schemes.HttpsOffered(host);
        if (offered != false)
        {
            Trace(trackId, "https", host, file.Length);
            TransferResult secure = await _transfer.RunAsync(host, https: true, dlToken, bearer, file, progress, board, cancellationToken).ConfigureAwait(false);
            if (secure.Status != TransferStatus.HttpsUnavailable)
            {
                if (!secure.Untrusted)
                {
                    _schemes.HttpsWorks(host);
                }

                return secure;
            }

            if (offered == true)
            {
                return new TransferResult(TransferStatus.MirrorFailed, $"https failed ({secure.Reason}), and http is not tried where https worked before in this session");
            }

            _schemes.HttpsNotOffered(host);
            _log.Verbose($"Track {trackId}: {host} does not offer https ({secure.Reason}).");
        }

        if (_requireHttps)
        {
            return new TransferResult(TransferStatus.MirrorFailed, "it does not offer https, and -RequireHttps keeps the credentials off plain http") { HttpsRequired = true };
        }

        if (_schemes.FirstClearText(host))
        {
            (_log as IPoolWarnings)?.Warning($"Media host {host} does not offer https: downloads from it use http, so their credentials (the Bearer header) cross the network unencrypted. Save-PromoTrack -RequireHttps refuses such hosts.");
        }

        Trace(trackId, "http", host, file.Length);
        return await _transfer.RunAsync(host, https: false, dlToken, bearer, file, progress, board, cancellationToken).ConfigureAwait(false);
    }

    private void Trace(long trackId, string scheme, string host, long from)
    {
        if (_log.IsListening)
        {
            _log.Verbose(from > 0
                ? $"Track {trackId}: GET {scheme}://{host}/pool/v5/download/… from byte {from}."
                : $"Track {trackId}: GET {scheme}://{host}/pool/v5/download/….");
        }
    }
}
