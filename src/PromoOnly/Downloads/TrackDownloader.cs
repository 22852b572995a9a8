using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Probing;

namespace PromoOnly.Downloads;

/// <summary>
/// The whole download of one track (contract 5.1–5.3): queue, choose mirrors, stream into a
/// .partial file (resuming, retrying, failing over, asking for a fresh dl_token once), rename to the
/// final name, record it, and only then send the success signal, exactly once. No PowerShell here:
/// Save-PromoTrack feeds ids through the shared pipeline and writes what comes back.
/// </summary>
internal sealed class TrackDownloader
{
    private readonly PromoOnlySession _session;
    private readonly PoolApiClient _client;
    private readonly RetryPolicy _retry;
    private readonly BackoffGate _gate;
    private readonly IPoolLog _log;
    private readonly MirrorChoice _choice;
    private readonly MediaFetcher _fetcher;
    private readonly MediaHostPolicy _policy;
    private readonly FilePlacement _placement;

    public TrackDownloader(PromoOnlySession session, PoolApiClient client, RetryPolicy retry, BackoffGate gate, IPoolLog log, MirrorRanking? ranking, MediaTransfer transfer, string folder, bool force, bool requireHttps = false)
    {
        _session = session;
        _client = client;
        _retry = retry;
        _gate = gate;
        _log = log;
        _fetcher = new MediaFetcher(transfer, session.MediaSchemes, requireHttps, log);
        _policy = new MediaHostPolicy(session.ApiBaseUri, session.TrustedMediaHosts);
        _choice = new MirrorChoice(_policy, ranking, log);
        Folder = folder;
        Record = new DownloadRecord(folder);
        _placement = new FilePlacement(folder, Record, force);
        Force = force;
    }

    public string Folder { get; }

    public bool Force { get; }

    public DownloadRecord Record { get; }

    public ProgressBoard Board { get; } = new();

    /// <summary>A track an earlier run saved, whose file is still there: reported without any API call.</summary>
    public TrackDownload? TrySkip(long trackId)
    {
        if (Force || Record.FindSaved(trackId) is not { } entry)
        {
            return null;
        }

        return new TrackDownload(trackId, string.Empty, string.Empty, string.Empty, Path.Combine(Folder, entry.File), entry.Length, entry.Sha256, TrackDownloadStatus.Skipped);
    }

    public async Task<DownloadOutcome> SaveAsync(long trackId, CancellationToken cancellationToken)
    {
        var problems = new List<PoolApiException>();
        var clock = Stopwatch.StartNew();
        string? partialPath = null;
        try
        {
            QueuedTrack queued = await QueueAsync(trackId, cancellationToken).ConfigureAwait(false);

            string baseName = FileNames.FromMetadata(queued, contentType: null);

            // The track id keeps two tracks with the same metadata from sharing (or resuming) one .partial file.
            partialPath = Path.Combine(Folder, baseName + "." + trackId.ToString(System.Globalization.CultureInfo.InvariantCulture) + PartialFile.Suffix);
            TransferResult result;
            QueuedServer server;
            bool resumed;
            string sha256;
            long length;
            using (PartialFile file = await PartialFile.OpenAsync(partialPath, cancellationToken).ConfigureAwait(false))
            {
                if (file.Length > 0)
                {
                    _log.Verbose($"Track {trackId}: {file.Length} bytes from an earlier run are in '{Path.GetFileName(partialPath)}'; asking to continue from there.");
                }

                TransferProgress progress = Board.Begin(trackId, baseName);
                try
                {
                    (result, server, resumed, queued) = await TransferAsync(queued, file, progress, problems, cancellationToken).ConfigureAwait(false);
                    sha256 = await file.CompleteAsync(cancellationToken).ConfigureAwait(false);
                    length = file.Length;
                }
                finally
                {
                    Board.End(progress);
                }
            }

            string finalName = result.FileName is { Length: > 0 } served
                ? FileNames.Sanitize(served, trackId)
                : FileNames.FromMetadata(queued, result.ContentType);
            string finalPath = _placement.MoveIntoPlace(partialPath, finalName, trackId);
            try
            {
                Record.Add(new RecordEntry(trackId, Path.GetFileName(finalPath), length, sha256, DateTime.UtcNow));
            }
            catch (DownloadWriteException unrecorded)
            {
                // The file is complete and in place; only a later run's skip depends on the record.
                problems.Add(new PoolApiException(PoolErrorKind.WriteFailed, $"Track {trackId}: the file is saved, but {unrecorded.Message}; a later run will download it again.", innerException: unrecorded));
            }

            var download = new TrackDownload(trackId, queued.Artist, queued.Title, queued.Mix, finalPath, length, sha256, TrackDownloadStatus.Saved)
            {
                Host = server.Host,
                Resumed = resumed,
            };
            download.ServerId = server.Id ?? await FindServerIdAsync(trackId, server.Host, problems, cancellationToken).ConfigureAwait(false);
            if (download.ServerId is { } serverId)
            {
                download.Acknowledged = await SignalAsync(queued, serverId, finalPath, problems, cancellationToken).ConfigureAwait(false);
            }

            download.Elapsed = clock.Elapsed;
            return DownloadOutcome.Saved(download, problems);
        }
        catch (PoolApiException failure)
        {
            RemoveIfEmpty(partialPath);
            return DownloadOutcome.Failed(trackId, failure, problems);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // The network's IOExceptions never get here (MediaTransfer turns them into results): this is the disk.
            if (failure is DownloadWriteException { OutOfRoom: true } && partialPath is not null)
            {
                return DownloadOutcome.Failed(trackId, new PoolApiException(PoolErrorKind.WriteFailed, $"Track {trackId}: there is no room to save into '{Folder}' (the disk is full, or a quota or file-size limit was reached): {failure.Message} {PartialFile.RemoveForSpace(partialPath)} Free some space and run the command again.", innerException: failure), problems);
            }

            RemoveIfEmpty(partialPath);
            return DownloadOutcome.Failed(trackId, new PoolApiException(PoolErrorKind.WriteFailed, $"Track {trackId}: could not save into '{Folder}': {failure.Message}", innerException: failure), problems);
        }
    }

    private async Task<(TransferResult Result, QueuedServer Server, bool Resumed, QueuedTrack Queued)> TransferAsync(
        QueuedTrack queued, PartialFile file, TransferProgress progress, List<PoolApiException> problems, CancellationToken cancellationToken)
    {
        long trackId = queued.TrackId;
        bool requeued = false;
        bool resumed = false;
        string lastReason = "no mirror was tried";
        var failures = new List<string>();
        int httpsMissing = 0;
        while (true)
        {
            IReadOnlyList<QueuedServer> mirrors = await _choice.ChooseAsync(queued, requeued ? null : problems, cancellationToken).ConfigureAwait(false);
            bool tokenRefused = false;
            foreach (QueuedServer mirror in mirrors)
            {
                for (int attempt = 0; ; attempt++)
                {
                    // A 429 anywhere in this command holds every request back, media requests included.
                    await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    long before = file.Length;
                    var bearer = await _session.CurrentBearerAsync(cancellationToken).ConfigureAwait(false);
                    TransferResult result = await _fetcher.RunAsync(trackId, mirror.Host, queued.DlToken, bearer, file, progress, Board, cancellationToken).ConfigureAwait(false);
                    resumed = result.Resumed || (resumed && file.Length >= before);
                    switch (result.Status)
                    {
                        case TransferStatus.Complete:
                            _log.Verbose($"Track {trackId}: {file.Length} bytes from {mirror.Host}{(result.Resumed ? $", continued from byte {before}" : string.Empty)}.");
                            return (result, mirror, resumed, queued);
                        case TransferStatus.Invalid:
                            throw new PoolApiException(PoolErrorKind.InvalidMediaResponse, $"Track {trackId}: {result.Reason}.");
                        case TransferStatus.TokenRefused:
                            tokenRefused = true;
                            lastReason = $"{mirror.Host} refused the download token ({result.Reason})";
                            failures.Add(lastReason);
                            break;
                        case TransferStatus.Cut when attempt < _retry.MaxRetries:
                            _log.Verbose($"Track {trackId}: {mirror.Host}: {result.Reason}; retry {attempt + 1} of {_retry.MaxRetries} from byte {file.Length}.");
                            continue;
                        default:
                            if (result.Throttle is { } wait)
                            {
                                _gate.PauseFor(wait < _retry.MaxRetryAfter ? wait : _retry.MaxRetryAfter);
                            }

                            lastReason = $"{mirror.Host}: {result.Reason}";
                            failures.Add(lastReason);
                            httpsMissing += result.HttpsRequired ? 1 : 0;
                            _log.Verbose($"Track {trackId}: {lastReason}; trying the next mirror.");
                            break;
                    }

                    break;
                }

                if (tokenRefused)
                {
                    break;
                }
            }

            if (tokenRefused && !requeued)
            {
                requeued = true;
                _log.Verbose($"Track {trackId}: {lastReason}; queueing the track again for a fresh token.");
                queued = await QueueAsync(trackId, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // One error for the track, however many mirrors failed: each tried host with its reason.
            string tried = failures.Count == 0 ? $"last: {lastReason}" : $"tried {failures.Count}: {string.Join("; ", failures)}";
            if (httpsMissing > 0 && httpsMissing == failures.Count)
            {
                throw new PoolApiException(PoolErrorKind.HttpsNotOffered, $"Track {trackId}: -RequireHttps, and no mirror offers https ({tried}); nothing was sent over plain http.");
            }

            throw new PoolApiException(PoolErrorKind.DownloadFailed, $"Track {trackId}: no mirror delivered the file ({tried}). What was received is kept as '{Path.GetFileName(file.Path)}' and continued next time.");
        }
    }

    private Task<QueuedTrack> QueueAsync(long trackId, CancellationToken cancellationToken) =>
        _retry.RunAsync(
            c => _session.WithBearerAsync((bearer, cc) => _client.QueueAsync(trackId, bearer, cc), $"Track {trackId}", c),
            _gate, _log, $"Track {trackId} (queue)", cancellationToken);

    /// <summary>The queue named the host without an id: endpoint 1 for the same track has it (contract 5.1).</summary>
    private async Task<int?> FindServerIdAsync(long trackId, string host, List<PoolApiException> problems, CancellationToken cancellationToken)
    {
        try
        {
            ServerList servers = await _retry.RunAsync(c => _session.GetDownloadServersAsync(_client, trackId, c), _gate, _log, $"Track {trackId} (server id)", cancellationToken).ConfigureAwait(false);
            if (servers.Servers.FirstOrDefault(s => string.Equals(s.Host, host, StringComparison.OrdinalIgnoreCase)) is { } match)
            {
                return match.Id;
            }

            problems.Add(new PoolApiException(PoolErrorKind.NotAcknowledged, $"Track {trackId}: the file is saved, but GET /download/server/{trackId} does not list {host}, so its server id for the success signal is unknown; the account's download history may not show it."));
        }
        catch (PoolApiException failure)
        {
            problems.Add(new PoolApiException(PoolErrorKind.NotAcknowledged, $"Track {trackId}: the file is saved, but the server id for the success signal could not be looked up ({failure.Message})", failure.StatusCode, failure.ServerMessage, failure));
        }

        return null;
    }

    private async Task<bool> SignalAsync(QueuedTrack queued, int serverId, string finalPath, List<PoolApiException> problems, CancellationToken cancellationToken)
    {
        try
        {
            await _retry.RunAsync(
                c => _session.WithBearerAsync(async (bearer, cc) =>
                {
                    await _client.SignalSuccessAsync(queued.TrackId, serverId, queued.DlToken, bearer, cc).ConfigureAwait(false);
                    return true;
                }, $"Track {queued.TrackId}", c),
                _gate, _log, $"Track {queued.TrackId} (success signal)", cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PoolApiException failure)
        {
            problems.Add(new PoolApiException(
                PoolErrorKind.NotAcknowledged,
                $"Track {queued.TrackId}: the file '{Path.GetFileName(finalPath)}' is saved and verified, but the POOL API did not confirm the download ({failure.Message}); the account's download history may not show it yet.",
                failure.StatusCode,
                failure.ServerMessage,
                failure));
            return false;
        }
    }

    /// <summary>A .partial file with nothing in it helps no later run; one with bytes is kept to be continued.</summary>
    private static void RemoveIfEmpty(string? partialPath)
    {
        try
        {
            if (partialPath is not null && new FileInfo(partialPath) is { Exists: true, Length: 0 })
            {
                File.Delete(partialPath);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Leaving an empty file behind is harmless.
        }
    }
}
