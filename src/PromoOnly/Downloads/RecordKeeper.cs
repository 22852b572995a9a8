using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Downloads;

/// <summary>
/// The record-facing half of saving: what a skipped track reports (from the record: its artist,
/// title and mix, and whether the POOL API knows of it), sending a success signal and noting the
/// outcome in the record, and sending the signals earlier runs still owe, each once.
/// </summary>
internal sealed class RecordKeeper
{
    private readonly SuccessSignal _signal;
    private readonly IPoolLog _log;

    public RecordKeeper(string folder, DownloadRecord record, SuccessSignal signal, IPoolLog log)
    {
        Folder = folder;
        Record = record;
        _signal = signal;
        _log = log;
    }

    public string Folder { get; }

    public DownloadRecord Record { get; }

    /// <summary>Sends the owed success signal of a track saved by an earlier run (not met in this one), once; null when none is owed any more.</summary>
    public async Task<Outcome<TrackDownload>?> SendOwedAsync(long trackId, CancellationToken cancellationToken)
    {
        var problems = new List<PoolApiException>();
        try
        {
            using TrackClaim claim = await TrackClaim.TakeAsync(Folder, trackId, () => { }, cancellationToken).ConfigureAwait(false);
            Record.CatchUp();
            return Record.FindSaved(trackId) is { Pending: not null } owed
                ? Outcome<TrackDownload>.Found(trackId, await SkipOwingAsync(owed, problems, cancellationToken).ConfigureAwait(false), problems)
                : null;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return Outcome<TrackDownload>.Failed(trackId, new PoolApiException(PoolErrorKind.WriteFailed, $"Track {trackId}: could not note the success signal in '{Folder}': {failure.Message}", innerException: failure), problems);
        }
    }

    public TrackDownload Skipped(RecordEntry entry) =>
        new(entry.TrackId, entry.Artist, entry.Title, entry.Mix, Path.Combine(Folder, entry.File), entry.Length, entry.Sha256, TrackDownloadStatus.Skipped)
        {
            Acknowledged = entry.Acknowledged,
        };

    public async Task<TrackDownload> SkipOwingAsync(RecordEntry entry, List<PoolApiException> problems, CancellationToken cancellationToken)
    {
        if (entry.Pending is { } owed)
        {
            _log.Verbose($"Track {entry.TrackId}: sending the success signal an earlier run could not confirm.");
            entry = await SignalAndNoteAsync(entry, owed, problems, cancellationToken).ConfigureAwait(false);
        }

        return Skipped(entry);
    }

    /// <summary>
    /// Sends the success signal (see <see cref="SuccessSignal"/>) and records the outcome, even when
    /// Ctrl+C interrupts the send: then it stays owed, for a later run.
    /// </summary>
    public async Task<RecordEntry> SignalAndNoteAsync(RecordEntry entry, PendingSignal signal, List<PoolApiException> problems, CancellationToken cancellationToken)
    {
        RecordEntry outcome = entry.WithSignal(false, signal);
        try
        {
            (SignalOutcome sent, PoolApiException? failure) = await _signal.SendAsync(entry.TrackId, signal.ServerId, signal.DlToken, cancellationToken).ConfigureAwait(false);
            outcome = entry.WithSignal(sent == SignalOutcome.Confirmed, sent == SignalOutcome.Pending ? signal : null);
            if (failure is not null)
            {
                problems.Add(SuccessSignal.Unconfirmed(entry.TrackId, entry.File, sent, failure));
            }
        }
        finally
        {
            Note(outcome, problems);
        }

        return outcome;
    }

    public void Note(RecordEntry entry, List<PoolApiException> problems)
    {
        try
        {
            Record.Add(entry);
        }
        catch (DownloadWriteException unrecorded)
        {
            // The file is complete and in place; only a later run's skip depends on the record.
            problems.Add(new PoolApiException(PoolErrorKind.WriteFailed, $"Track {entry.TrackId}: the file is saved, but {unrecorded.Message}; a later run will download it again.", innerException: unrecorded));
        }
    }
}
