using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PromoOnly.Downloads;

/// <summary>
/// One Save-PromoTrack run into one folder: which ids it has met, which are in flight, and the
/// folder's downloader, made when the folder exists (a missing folder is created only when the
/// first track is actually to be downloaded, so -WhatIf and a run that skips everything create nothing).
/// </summary>
internal sealed class SaveRun
{
    private readonly Func<string, TrackDownloader> _open;

    // Ids being downloaded by this run: Get-PromoDownloadServer output names a track once per mirror.
    private readonly HashSet<long> _inFlight = new();

    // Every id this run met: success signals still owed for other tracks of the folder are sent at the end.
    private readonly HashSet<long> _met = new();
    private long _lastId;

    /// <param name="open">Makes the folder's downloader (reading its record; may throw IOException).</param>
    public SaveRun(string folder, Func<string, TrackDownloader> open)
    {
        Folder = folder;
        _open = open;
        if (Directory.Exists(folder))
        {
            Downloader = open(folder);
        }
    }

    public string Folder { get; }

    /// <summary>The folder's downloader; null while the folder does not exist.</summary>
    public TrackDownloader? Downloader { get; private set; }

    /// <summary>What a run does with an id it meets.</summary>
    public enum Admission
    {
        /// <summary>The id is being saved by this run already (or was just met): ignored.</summary>
        Repeat,

        /// <summary>An earlier run saved it and the API knows: reported as it is, no API call.</summary>
        Skip,

        /// <summary>To be queued and downloaded.</summary>
        Download,
    }

    /// <summary>What to do with <paramref name="trackId"/>, met in the input now; for a skip, <paramref name="skipped"/> is the saved track.</summary>
    public Admission Admit(long trackId, out TrackDownload? skipped)
    {
        skipped = null;
        if (trackId == _lastId || _inFlight.Contains(trackId))
        {
            return Admission.Repeat;
        }

        _lastId = trackId;
        _met.Add(trackId);
        skipped = Downloader?.TrySkip(trackId);
        return skipped is null ? Admission.Download : Admission.Skip;
    }

    /// <summary>Marks <paramref name="trackId"/> as in flight, creating the folder and its downloader first if needed.</summary>
    public TrackDownloader Start(long trackId)
    {
        if (Downloader is null)
        {
            Directory.CreateDirectory(Folder);
            Downloader = _open(Folder);
        }

        _inFlight.Add(trackId);
        return Downloader;
    }

    /// <summary>Its result was written: a later repeat of the id is a new request.</summary>
    public void Finished(long trackId) => _inFlight.Remove(trackId);

    /// <summary>Tracks of the folder whose success signal an earlier run still owes, other than the ones this run met.</summary>
    public IEnumerable<RecordEntry> OwedElsewhere() =>
        Downloader is null ? Enumerable.Empty<RecordEntry>() : Downloader.Record.Pending().Where(owed => !_met.Contains(owed.TrackId));
}
