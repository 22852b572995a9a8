using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Pipeline;

namespace PromoOnly.Commands;

/// <summary>
/// Save-PromoTrack: queue each track, download it from the best mirror into -Path, verify it,
/// rename it into place and report the download to the POOL API. Tracks run through the same
/// ordered pipeline as lookups: -ThrottleLimit at once, results in input order. A Release piped in
/// (or -ReleaseId) saves every track of the release.
/// </summary>
[Cmdlet(VerbsData.Save, "PromoTrack", DefaultParameterSetName = TrackIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Downloading)]
[OutputType(typeof(TrackDownload))]
public sealed class SavePromoTrackCommand : PerTrackCmdlet
{
    // Mirror choice measures as Test-PromoDownloadServer does by default, through the same cache.
    private const int ProbeSamples = 3;
    private const string ReleaseSet = "ReleaseId";
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private PromoOnlySession _session = null!;
    private SaveRun _run = null!;
    private OrderedPipeline<long, Outcome<TrackDownload>> _pipeline = null!;
    private DownloadProgressReporter? _progress;
    private ReleaseExpansion? _releases;
    private long _accepted;
    private bool _folderChecked;

    // What the run did, for the stop rule (the API down for several tracks in a row) and the summary line.
    private readonly RunHalt _halt = new();

    // Transfers that had received bytes when Ctrl+C came: their .partial files stay for the next run.
    private int _partialsAtStop = -1;

    /// <summary>Releases whose every track is saved; Release objects from Get-PromoRelease bind by their ReleaseId.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ReleaseSet)]
    [ValidateRange(1, long.MaxValue)]
    public long[] ReleaseId { get; set; } = null!;

    /// <summary>The pipeline object itself (a Track, a CSV row): its Artist, Title and Mix name the track in -WhatIf and -Confirm.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The folder to save into; created if missing. Default: the current location.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>How many downloads may be in flight at once.</summary>
    [Parameter]
    [ValidateRange(1, 16)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>The largest file accepted, in bytes (4GB, 8GB… work): a longer body, announced or not, is refused.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long MaxFileSize { get; set; } = MediaTransfer.DefaultMaxFileSize;

    /// <summary>Never send the credentials to a media host over plain http: a mirror without https fails instead.</summary>
    [Parameter]
    public SwitchParameter RequireHttps { get; set; }

    /// <summary>Download again even if the folder's record says the track is saved, replacing the file the record attributes to the track (and no other).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        PromoOnlySession session = RequireSession(Session);

        _session = session;
        string folder = DownloadFolder.Resolve(this, Path ?? ".");
        _run = DownloadFolder.Use(this, folder, () => new SaveRun(folder, CreateDownloader));
        _pipeline = new OrderedPipeline<long, Outcome<TrackDownload>>(TrackDownloader.TracksAtOnce(ThrottleLimit), SaveUnlessStoppedAsync, CancelToken);
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ReleaseSet)
        {
            foreach (long releaseId in ReleaseId)
            {
                SaveRelease(releaseId);
            }

            return;
        }

        PSObject? input = MyInvocation.ExpectingInput ? InputObject : null;
        foreach (long trackId in TrackId)
        {
            Consider(trackId, input);
        }
    }

    protected override void EndProcessing()
    {
        // All input is in: from here on progress knows the batch and can estimate the time left.
        _progress?.InputComplete(_accepted);
        DrainInOrder(_pipeline, Write);
        _progress?.Finish();
        if (_halt.Tally.Halted)
        {
            // The API is out of reach: signals owed from earlier runs stay in the record for the next run.
            WriteError(ErrorRecords.DownloadsStopped(RunTally.DownInARow, _halt.Tally.HaltedBy!.Value, _halt.Tally.NotAttempted));
        }
        else
        {
            SendOwedSignals();
        }

        EndOfRunLine.Write(this, _halt.Tally, _run.Folder);
    }

    protected override void StopProcessing()
    {
        _partialsAtStop = _run?.Downloader?.Board.Active.Count(transfer => transfer.Received > 0) ?? 0;
        base.StopProcessing();
    }

    /// <summary>
    /// The success signals earlier runs into this folder could not confirm (noted as pending in its
    /// record), for tracks this command did not meet: each is sent once, here, so any later run (even
    /// <c>Save-PromoTrack -TrackId @() -Path …</c>) settles what the account's history lacks.
    /// </summary>
    private void SendOwedSignals()
    {
        foreach (RecordEntry owed in _run.OwedElsewhere())
        {
            if (!ShouldProcess($"Track {owed.TrackId}", "Send the success signal an earlier run could not confirm to the POOL API"))
            {
                continue;
            }

            if (Await(_run.Downloader!.Keeper.SendOwedAsync(owed.TrackId, CancelToken)) is { } sent)
            {
                foreach (PoolApiException problem in sent.Problems)
                {
                    WriteError(ErrorRecords.FromApiFailure(problem, owed.TrackId));
                }

                if (sent.Failure is { } failure)
                {
                    WriteError(ErrorRecords.FromApiFailure(failure, owed.TrackId));
                }
                else if (sent.Value?.Acknowledged == true)
                {
                    WriteVerbose($"Track {owed.TrackId}: the POOL API confirmed the success signal an earlier run owed.");
                }
            }
        }
    }

    protected override void OnTick() => _progress?.Update();

    protected override void DisposeResources()
    {
        if (_partialsAtStop >= 0 && _run is not null)
        {
            EndOfRunLine.WriteAfterStop(this, _halt.Tally, _run.Folder, _partialsAtStop);
        }

        _pipeline?.Dispose();
        _halt.Dispose();
    }

    /// <summary>One track id, from the input or a release: skipped, not attempted after a stop, or queued in the pipeline.</summary>
    private void Consider(long trackId, PSObject? input)
    {
        switch (_run.Admit(trackId, out TrackDownload? skipped))
        {
            case SaveRun.Admission.Repeat:
                WriteVerbose($"Track {trackId}: already being saved by this command; the repeat is ignored.");
                return;
            case SaveRun.Admission.Skip:
                WriteVerbose($"Track {trackId}: skipped, already saved as '{skipped!.Name}' ({skipped.Length} bytes) according to the folder's download record (its size checked, its bytes not read again); -Force downloads it again.");
                _accepted++;
                AddResultInOrder(_pipeline, Outcome<TrackDownload>.Found(trackId, skipped!), Write);
                return;
        }

        if (_halt.Tally.Halted)
        {
            _halt.Tally.AddNotAttempted(trackId);
            return;
        }

        if (!ShouldProcess(TrackLabel.Of(trackId, input), $"Queue, download into '{_run.Folder}' and report the download to the POOL API"))
        {
            return;
        }

        DownloadFolder.Use(this, _run.Folder, () => _run.Start(trackId));
        CheckFolderOnce();
        _accepted++;
        AddInOrder(_pipeline, trackId, Write);
    }

    /// <summary>-ReleaseId (or a piped Release): the release's tracks, in its order, each named by its metadata.</summary>
    private void SaveRelease(long releaseId)
    {
        _releases ??= new ReleaseExpansion(this, _session);
        foreach (Track track in _releases.TracksOf(releaseId, CancelToken))
        {
            Consider(track.TrackId, PSObject.AsPSObject(track));
        }
    }

    /// <summary>Before the first track is queued (the folder now exists): it can be written, or the command fails once.</summary>
    private void CheckFolderOnce()
    {
        if (_folderChecked)
        {
            return;
        }

        _folderChecked = true;
        if (FolderAccess.WhyNotWritable(_run.Folder) is { } reason)
        {
            CancelPendingWork();
            ThrowTerminatingError(ErrorRecords.FolderNotWritable(_run.Folder, reason));
        }
    }

    /// <summary>The pipeline's work: the track's download, under the run's stop rule (<see cref="RunHalt"/>).</summary>
    private Task<Outcome<TrackDownload>> SaveUnlessStoppedAsync(long trackId, CancellationToken cancel) =>
        _halt.SaveUnlessHaltedAsync((id, token) => _run.Downloader!.SaveAsync(id, token), trackId, cancel);

    private TrackDownloader CreateDownloader(string folder)
    {
        PoolApiClient client = CreateClient(_session, RequestTimeout);
        var transfer = new MediaTransfer(_session.Http, UserAgentString, RequestTimeout, MaxFileSize, ThrottleLimit);
        var downloader = new TrackDownloader(
            _session, client, new RetryPolicy(MaxRetryCount), new BackoffGate(MonotonicClock.System), this,
            CreateRanking(_session.Http, ProbeSamples, TimeSpan.FromSeconds(Math.Min(ProbeTimeout.TotalSeconds, TimeoutSec)), force: false), transfer, folder, Force, RequireHttps);
        if (CallerShows(CallerStream.Progress))
        {
            _progress = new DownloadProgressReporter(this, downloader.Board, KnownTotal);
        }

        return downloader;
    }

    private void Write(Outcome<TrackDownload> outcome)
    {
        _run.Finished(outcome.Id);
        _progress?.Completed(outcome.Value is { Status: TrackDownloadStatus.Saved } saved ? saved.Length : null);
        if (RunHalt.WasNotAttempted(outcome))
        {
            _halt.Tally.AddNotAttempted(outcome.Id);
            return;
        }

        foreach (PoolApiException problem in outcome.Problems)
        {
            WriteError(ErrorRecords.FromTrackFailure(problem, outcome.Id));
        }

        if (outcome.Failure is { } failure)
        {
            if (failure.FailsEveryCall)
            {
                // Every other track would be refused the same way: stop them all rather than repeat the error.
                CancelPendingWork();
                ThrowTerminatingError(ErrorRecords.FromTrackFailure(failure, outcome.Id));
            }

            // A failure with the cause of the stop is told once, in its error with the other ids left.
            RunHalt.Verdict verdict = _halt.Fail(outcome.Id, failure.Kind);
            if (verdict != RunHalt.Verdict.NotAttempted)
            {
                WriteError(ErrorRecords.FromTrackFailure(failure, outcome.Id));
            }

            if (verdict == RunHalt.Verdict.ReportAndHalt)
            {
                WriteVerbose($"The POOL API failed {RunTally.DownInARow} tracks in a row the same way; the tracks still to come are not attempted.");
            }

            return;
        }

        _halt.Tally.AddSaved(outcome.Value!.Status == TrackDownloadStatus.Skipped);
        WriteObject(outcome.Value);
    }
}
