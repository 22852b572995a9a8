using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Pipeline;

namespace PromoOnly.Commands;

/// <summary>
/// Save-PromoTrack: queue each track, download it from the best mirror into -Path, verify it,
/// rename it into place and report the download to the POOL API. Tracks run through the same
/// ordered pipeline as lookups: -ThrottleLimit at once, results in input order.
/// </summary>
[Cmdlet(VerbsData.Save, "PromoTrack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(TrackDownload))]
public sealed class SavePromoTrackCommand : PerTrackCmdlet
{
    // Mirror choice measures as Test-PromoDownloadServer does by default, through the same cache.
    private const int ProbeSamples = 3;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private PromoOnlySession _session = null!;
    private SaveRun _run = null!;
    private OrderedPipeline<long, Outcome<TrackDownload>> _pipeline = null!;
    private DownloadProgressReporter? _progress;

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
        string folder = ResolveFolder(Path ?? ".");
        _run = OnFolder(folder, () => new SaveRun(folder, CreateDownloader));
        _pipeline = new OrderedPipeline<long, Outcome<TrackDownload>>(ThrottleLimit, (id, cancel) => _run.Downloader!.SaveAsync(id, cancel), CancelToken);
    }

    protected override void ProcessRecord()
    {
        foreach (long trackId in TrackId)
        {
            switch (_run.Admit(trackId, out TrackDownload? skipped))
            {
                case SaveRun.Admission.Repeat:
                    WriteVerbose($"Track {trackId}: already being saved by this command; the repeat is ignored.");
                    continue;
                case SaveRun.Admission.Skip:
                    WriteVerbose($"Track {trackId}: skipped, already saved as '{skipped!.Name}' ({skipped.Length} bytes) according to the folder's download record (its size checked, its bytes not read again); -Force downloads it again.");
                    AddResultInOrder(_pipeline, Outcome<TrackDownload>.Found(trackId, skipped!), Write);
                    continue;
            }

            if (!ShouldProcess($"Track {trackId}", $"Queue, download into '{_run.Folder}' and report the download to the POOL API"))
            {
                continue;
            }

            OnFolder(_run.Folder, () => _run.Start(trackId));
            AddInOrder(_pipeline, trackId, Write);
        }
    }

    protected override void EndProcessing()
    {
        DrainInOrder(_pipeline, Write);
        _progress?.Finish();
        SendOwedSignals();
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
        _pipeline?.Dispose();
    }

    private TrackDownloader CreateDownloader(string folder)
    {
        PoolApiClient client = CreateClient(_session, RequestTimeout);
        var transfer = new MediaTransfer(_session.Http, UserAgentString, RequestTimeout, MaxFileSize);
        var downloader = new TrackDownloader(
            _session, client, new RetryPolicy(MaxRetryCount), new BackoffGate(MonotonicClock.System), this,
            CreateRanking(_session.Http, ProbeSamples, TimeSpan.FromSeconds(Math.Min(ProbeTimeout.TotalSeconds, TimeoutSec)), force: false), transfer, folder, Force, RequireHttps);
        if (CallerShows(CallerStream.Progress))
        {
            _progress = new DownloadProgressReporter(this, downloader.Board, KnownTotal);
        }

        return downloader;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the download folder; a folder that cannot be created, or whose
    /// record cannot be read (or is a link, never followed), ends the command once, before any track is queued.
    /// </summary>
    private T OnFolder<T>(string folder, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(ErrorRecords.InvalidDownloadFolder(folder, ex.Message.TrimEnd('.')));
            throw;
        }
    }

    private string ResolveFolder(string path)
    {
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (Exception ex) when (ex is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or ArgumentException)
        {
            ThrowTerminatingError(ErrorRecords.InvalidDownloadFolder(path, ex.Message));
            throw;
        }

        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
        {
            ThrowTerminatingError(ErrorRecords.InvalidDownloadFolder(path, $"it is on the {provider.Name} provider, not the file system"));
        }

        if (File.Exists(resolved))
        {
            ThrowTerminatingError(ErrorRecords.InvalidDownloadFolder(resolved, "it is a file"));
        }

        return resolved;
    }

    private void Write(Outcome<TrackDownload> outcome)
    {
        _run.Finished(outcome.Id);
        _progress?.Completed();
        foreach (PoolApiException problem in outcome.Problems)
        {
            WriteError(ErrorRecords.FromApiFailure(problem, outcome.Id));
        }

        if (outcome.Failure is { } failure)
        {
            WriteFailure(failure, outcome.Id);
            return;
        }

        WriteObject(outcome.Value);
    }
}
