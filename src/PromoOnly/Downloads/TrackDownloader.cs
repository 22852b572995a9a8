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
/// The whole download of one track (contract 5.1–5.3) under its claim in the folder: queue, choose
/// mirrors, stream into a .partial file (resuming, retrying, failing over, asking for a fresh dl_token
/// once), rename to the final name, send the success signal once, and record the file and the signal. No PowerShell here:
/// Save-PromoTrack feeds ids through the shared pipeline and writes what comes back.
/// </summary>
internal sealed class TrackDownloader
{
    private readonly PromoOnlySession _session;
    private readonly PoolApiClient _client;
    private readonly RetryPolicy _retry;
    private readonly BackoffGate _backoff;
    private readonly IPoolLog _log;
    private readonly MirrorChoice _choice;
    private readonly MediaFetcher _fetcher;
    private readonly MediaHostPolicy _policy;
    private readonly FilePlacement _placement;
    private readonly SuccessSignal _signal;
    private readonly RecordKeeper _keeper;

    // Held only while a track's bytes move (mirror choice, transfer, completing the file): its queue
    // call before and its rename, record line and success signal after run beside other transfers.
    private readonly SemaphoreSlim _transferSlots;

    /// <param name="transfer">Its <see cref="MediaTransfer.TransfersAtOnce"/> (-ThrottleLimit) is how many transfer slots there are; see <see cref="TracksAtOnce"/>.</param>
    public TrackDownloader(PromoOnlySession session, PoolApiClient client, RetryPolicy retry, BackoffGate backoff, IPoolLog log, MirrorRanking? ranking, MediaTransfer transfer, string folder, bool force, bool requireHttps = false)
    {
        _transferSlots = new SemaphoreSlim(transfer.TransfersAtOnce, transfer.TransfersAtOnce);
        _session = session;
        _client = client;
        _retry = retry;
        _backoff = backoff;
        _log = log;
        _fetcher = new MediaFetcher(transfer, MediaSchemes.Of(session), requireHttps, log);
        _policy = new MediaHostPolicy(session.ApiBaseUri, session.TrustedMediaHosts);
        _choice = new MirrorChoice(_policy, ranking, log);
        _signal = new SuccessSignal(session, client, retry, backoff, log);
        Folder = folder;
        Record = new DownloadRecord(folder);
        _placement = new FilePlacement(folder, Record);
        _keeper = new RecordKeeper(folder, Record, _signal, log);
        Force = force;
    }

    public string Folder { get; }

    public bool Force { get; }

    /// <summary>
    /// How many tracks a run works on at once for <paramref name="transfersAtOnce"/> transfers: twice as
    /// many, so that while every transfer slot is busy the next tracks are already queued and the finished
    /// ones send their success signal, instead of each transfer slot sitting idle through two API round trips
    /// per track (about a third of a 5 MiB file's time at 8 in flight; README, Performance).
    /// </summary>
    public static int TracksAtOnce(int transfersAtOnce) => 2 * transfersAtOnce;

    public DownloadRecord Record { get; }

    public ProgressBoard Board { get; } = new();

    /// <summary>Skips, owed success signals and record lines.</summary>
    public RecordKeeper Keeper => _keeper;

    /// <summary>A track an earlier run saved and the API knows of, whose file is still there: reported without any API call.</summary>
    public TrackDownload? TrySkip(long trackId) =>
        !Force && Record.FindSaved(trackId) is { Pending: null } entry ? _keeper.Skipped(entry) : null;

    /// <summary>
    /// Saves one track while holding its claim in the folder, so no other process saves it meanwhile;
    /// a track that turns out to be saved (by another process while this one waited, or by an earlier
    /// run whose success signal is still owed) is skipped, its owed signal sent once.
    /// </summary>
    public async Task<Outcome<TrackDownload>> SaveAsync(long trackId, CancellationToken cancellationToken)
    {
        var problems = new List<PoolApiException>();
        try
        {
            bool waited = false;
            using TrackClaim claim = await TrackClaim.TakeAsync(Folder, trackId, () =>
            {
                waited = true;
                _log.Verbose($"Track {trackId}: another process is saving it into '{Folder}'; waiting for it to finish.");
            }, cancellationToken).ConfigureAwait(false);
            Record.CatchUp();
            if ((!Force || waited) && Record.FindSaved(trackId) is { } saved)
            {
                _log.Verbose($"Track {trackId}: skipped, already saved as '{saved.File}' ({saved.Length} bytes){(waited ? " by the other process" : string.Empty)}.");
                return Outcome<TrackDownload>.Found(trackId, await _keeper.SkipOwingAsync(saved, problems, cancellationToken).ConfigureAwait(false), problems);
            }

            return await DownloadAsync(trackId, problems, cancellationToken).ConfigureAwait(false);
        }
        catch (PoolApiException failure)
        {
            PartialFile.RemoveLeftovers(Folder, trackId);
            return Outcome<TrackDownload>.Failed(trackId, failure, problems);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // The network's IOExceptions never get here (MediaTransfer turns them into results): this is the disk.
            if (failure is DownloadWriteException { OutOfRoom: true })
            {
                return Outcome<TrackDownload>.Failed(trackId, new PoolApiException(PoolErrorKind.WriteFailed, $"Track {trackId}: there is no room to save into '{Folder}' (the disk is full, or a quota or file-size limit was reached): {failure.Message} {PartialFile.RemoveForSpace(PartialFile.PathFor(Folder, trackId))} Free some space and run the command again.", innerException: failure), problems);
            }

            PartialFile.RemoveLeftovers(Folder, trackId);
            return Outcome<TrackDownload>.Failed(trackId, new PoolApiException(PoolErrorKind.WriteFailed, $"Track {trackId}: could not save into '{Folder}': {failure.Message}", innerException: failure), problems);
        }
    }

    private async Task<Outcome<TrackDownload>> DownloadAsync(long trackId, List<PoolApiException> problems, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        QueuedTrack queued = await QueueAsync(trackId, cancellationToken).ConfigureAwait(false);

        TransferResult result;
        QueuedServer server;
        bool resumed;
        string sha256;
        long length;
        await _transferSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using PartialFile file = await PartialFile.OpenAsync(Folder, trackId, cancellationToken).ConfigureAwait(false);
            if (file.Inherited is { } note)
            {
                _log.Verbose($"Track {trackId}: {note}.");
            }

            TransferProgress progress = Board.Begin(trackId, FileNames.FromMetadata(queued, contentType: null));
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
        finally
        {
            _transferSlots.Release();
        }

        string finalName = result.FileName is { Length: > 0 } served
            ? FileNames.Sanitize(served, trackId)
            : FileNames.FromMetadata(queued, result.ContentType);
        string finalPath = _placement.MoveIntoPlace(PartialFile.PathFor(Folder, trackId), finalName, trackId);
        PartialFile.RemoveLeftovers(Folder, trackId);
        var entry = new RecordEntry(trackId, Path.GetFileName(finalPath), length, sha256, DateTime.UtcNow) { Artist = queued.Artist, Title = queued.Title, Mix = queued.Mix };
        var download = new TrackDownload(trackId, queued.Artist, queued.Title, queued.Mix, finalPath, length, sha256, TrackDownloadStatus.Saved)
        {
            Host = server.Host,
            Resumed = resumed,
            Verified = true,
        };

        download.ServerId = server.Id ?? await _signal.FindServerIdAsync(trackId, server.Host, problems, cancellationToken).ConfigureAwait(false);
        if (download.ServerId is { } serverId)
        {
            entry = await _keeper.SignalAndNoteAsync(entry, new PendingSignal(serverId, queued.DlToken), problems, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _keeper.Note(entry, problems);
        }

        download.Acknowledged = entry.Acknowledged;
        download.Elapsed = clock.Elapsed;
        return Outcome<TrackDownload>.Found(trackId, download, problems);
    }

    /// <summary>
    /// Streams the track from its mirrors in turn until one delivers it whole; a refused dl_token
    /// queues the track once more for a fresh one. Throws one failure naming every mirror tried.
    /// </summary>
    private async Task<(TransferResult Result, QueuedServer Server, bool Resumed, QueuedTrack Queued)> TransferAsync(
        QueuedTrack queued, PartialFile file, TransferProgress progress, List<PoolApiException> problems, CancellationToken cancellationToken)
    {
        var tries = new MirrorTries();
        bool requeued = false;
        while (true)
        {
            IReadOnlyList<QueuedServer> mirrors = await _choice.ChooseAsync(queued, requeued ? null : problems, cancellationToken).ConfigureAwait(false);
            tries.TokenRefused = false;
            foreach (QueuedServer mirror in mirrors)
            {
                TransferResult result = await FromMirrorAsync(queued, mirror, file, progress, tries, cancellationToken).ConfigureAwait(false);
                if (result.Status == TransferStatus.Complete)
                {
                    return (result, mirror, tries.Resumed, queued);
                }

                if (tries.TokenRefused)
                {
                    break;
                }
            }

            if (tries.TokenRefused && !requeued)
            {
                requeued = true;
                _log.Verbose($"Track {queued.TrackId}: {tries.LastReason}; queueing the track again for a fresh token.");
                queued = await QueueAsync(queued.TrackId, cancellationToken).ConfigureAwait(false);
                continue;
            }

            throw tries.Failure(queued.TrackId, file);
        }
    }

    /// <summary>One mirror: a cut transfer continues there up to the retry limit; anything else ends its turn.</summary>
    private async Task<TransferResult> FromMirrorAsync(QueuedTrack queued, QueuedServer mirror, PartialFile file, TransferProgress progress, MirrorTries tries, CancellationToken cancellationToken)
    {
        long trackId = queued.TrackId;
        for (int attempt = 0; ; attempt++)
        {
            // A 429 anywhere in this command holds every request back, media requests included.
            await _backoff.WaitAsync(cancellationToken).ConfigureAwait(false);
            long before = file.Length;
            var bearer = await _session.CurrentBearerAsync(cancellationToken).ConfigureAwait(false);
            TransferResult result = await _fetcher.RunAsync(trackId, mirror.Host, queued.DlToken, bearer, file, progress, Board, cancellationToken).ConfigureAwait(false);
            tries.Resumed = result.Resumed || (tries.Resumed && file.Length >= before);
            switch (result.Status)
            {
                case TransferStatus.Complete:
                    _log.Verbose($"Track {trackId}: {file.Length} bytes from {mirror.Host}{(result.Resumed ? $", continued from byte {before}" : string.Empty)}.");
                    return result;
                case TransferStatus.Invalid:
                    throw new PoolApiException(PoolErrorKind.InvalidMediaResponse, $"Track {trackId}: {result.Reason}.");
                case TransferStatus.TokenRefused:
                    tries.TokenRefused = true;
                    tries.Failed($"{mirror.Host} refused the download token ({result.Reason})", httpsMissing: false);
                    return result;
                case TransferStatus.Cut when attempt < _retry.MaxRetries:
                    _log.Verbose($"Track {trackId}: {mirror.Host}: {result.Reason}; retry {attempt + 1} of {_retry.MaxRetries} from byte {file.Length}.");
                    continue;
                default:
                    if (result.Throttle is { } wait)
                    {
                        _backoff.PauseFor(wait < _retry.MaxRetryAfter ? wait : _retry.MaxRetryAfter);
                    }

                    tries.Failed($"{mirror.Host}: {result.Reason}", result.HttpsRequired);
                    _log.Verbose($"Track {trackId}: {tries.LastReason}; trying the next mirror.");
                    return result;
            }
        }
    }

    private Task<QueuedTrack> QueueAsync(long trackId, CancellationToken cancellationToken) =>
        _retry.RunAsync(
            c => _session.WithBearerAsync((bearer, cc) => _client.QueueAsync(trackId, bearer, cc), $"Track {trackId}", c),
            _backoff, _log, $"Track {trackId} (queue)", cancellationToken);

    /// <summary>What one track's mirrors did so far: each failure with its reason, for the one error a track gets.</summary>
    private sealed class MirrorTries
    {
        private readonly List<string> _failures = new();
        private int _httpsMissing;

        public string LastReason { get; private set; } = "no mirror was tried";

        /// <summary>Some mirror continued earlier bytes, and the file kept them.</summary>
        public bool Resumed { get; set; }

        /// <summary>A mirror of the current round refused the dl_token.</summary>
        public bool TokenRefused { get; set; }

        public void Failed(string reason, bool httpsMissing)
        {
            LastReason = reason;
            _failures.Add(reason);
            _httpsMissing += httpsMissing ? 1 : 0;
        }

        /// <summary>One error for the track, however many mirrors failed: each tried host with its reason.</summary>
        public PoolApiException Failure(long trackId, PartialFile file)
        {
            string tried = _failures.Count == 0 ? $"last: {LastReason}" : $"tried {_failures.Count}: {string.Join("; ", _failures)}";
            return _httpsMissing > 0 && _httpsMissing == _failures.Count
                ? new PoolApiException(PoolErrorKind.HttpsNotOffered, $"Track {trackId}: -RequireHttps, and no mirror offers https ({tried}); nothing was sent over plain http.")
                : new PoolApiException(PoolErrorKind.DownloadFailed, $"Track {trackId}: no mirror delivered the file ({tried}). What was received is kept as '{Path.GetFileName(file.Path)}' and continued next time.");
        }
    }
}
