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
public sealed class SavePromoTrackCommand : PromoCmdlet
{
    // Mirror choice measures as Test-PromoDownloadServer does by default, through the same cache.
    private const int ProbeSamples = 3;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private PromoOnlySession _session = null!;
    private string _folder = null!;
    private TrackDownloader? _downloader;
    private OrderedPipeline<long, DownloadOutcome> _pipeline = null!;
    private DownloadProgressReporter? _progress;
    private long? _total;

    // Ids being downloaded by this command: Get-PromoDownloadServer output names a track once per mirror.
    private readonly HashSet<long> _inFlight = new();

    // Every id this command met: success signals still owed for other tracks of the folder are sent at the end.
    private readonly HashSet<long> _met = new();
    private long _lastId;

    // Read like Get-PromoDownloadServer's: blank lines skipped, '1,2' and 1.5 refused, Id/Track_Id/"Track Id" columns bound.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "Track_Id", "Track Id")]
    [AllowEmptyCollection]
    [TrackIdTransformation]
    [ValidateRange(1, long.MaxValue)]
    public long[] TrackId { get; set; } = null!;

    /// <summary>The folder to save into; created if missing. Default: the current location.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>A session from Connect-PromoOnly -PassThru, used instead of the default one.</summary>
    [Parameter]
    [ValidateNotNull]
    [SessionTransformation]
    public PromoOnlySession? Session { get; set; }

    /// <summary>How many downloads may be in flight at once.</summary>
    [Parameter]
    [ValidateRange(1, 16)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>Retries for the API calls' transient failures, and for a dropped transfer on one mirror.</summary>
    [Parameter]
    [ValidateRange(0, 10)]
    public int MaxRetryCount { get; set; } = 4;

    /// <summary>How long a request may wait for an answer, and a transfer for its next bytes.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 30;

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
        _folder = ResolveFolder(Path ?? ".");
        _pipeline = new OrderedPipeline<long, DownloadOutcome>(ThrottleLimit, (id, cancel) => _downloader!.SaveAsync(id, cancel), CancelToken);
        _total = MyInvocation.ExpectingInput || !MyInvocation.BoundParameters.ContainsKey(nameof(TrackId)) ? null : TrackId.Length;
        if (Directory.Exists(_folder))
        {
            CreateDownloader();
        }
    }

    protected override void ProcessRecord()
    {
        foreach (long trackId in TrackId)
        {
            if (trackId == _lastId || _inFlight.Contains(trackId))
            {
                WriteVerbose($"Track {trackId}: already being saved by this command; the repeat is ignored.");
                continue;
            }

            _lastId = trackId;
            _met.Add(trackId);
            if (_downloader?.TrySkip(trackId) is { } skipped)
            {
                WriteVerbose($"Track {trackId}: skipped, already saved as '{skipped.Name}' ({skipped.Length} bytes) according to the folder's download record (its size checked, its bytes not read again); -Force downloads it again.");
                AddResultInOrder(_pipeline, DownloadOutcome.Saved(skipped, Array.Empty<PoolApiException>()), Write);
                continue;
            }

            if (!ShouldProcess($"Track {trackId}", $"Queue, download into '{_folder}' and report the download to the POOL API"))
            {
                continue;
            }

            if (_downloader is null)
            {
                try
                {
                    Directory.CreateDirectory(_folder);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    ThrowTerminatingError(ErrorRecords.InvalidDownloadFolder(_folder, ex.Message));
                }

                CreateDownloader();
            }

            _inFlight.Add(trackId);
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
        if (_downloader is null)
        {
            return;
        }

        foreach (RecordEntry owed in _downloader.Record.Pending())
        {
            if (_met.Contains(owed.TrackId) || !ShouldProcess($"Track {owed.TrackId}", "Send the success signal an earlier run could not confirm to the POOL API"))
            {
                continue;
            }

            if (Await(_downloader.Keeper.SendOwedAsync(owed.TrackId, CancelToken)) is { } sent)
            {
                foreach (PoolApiException problem in sent.Problems)
                {
                    WriteError(ErrorRecords.FromApiFailure(problem, owed.TrackId));
                }

                if (sent.Failure is { } failure)
                {
                    WriteError(ErrorRecords.FromApiFailure(failure, owed.TrackId));
                }
                else if (sent.Download?.Acknowledged == true)
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

    private void CreateDownloader()
    {
        PoolApiClient client = CreateClient(_session, TimeSpan.FromSeconds(TimeoutSec));
        var transfer = new MediaTransfer(_session.Http, UserAgentString, TimeSpan.FromSeconds(TimeoutSec), MaxFileSize);
        try
        {
            _downloader = new TrackDownloader(
                _session, client, new RetryPolicy(MaxRetryCount), new BackoffGate(MonotonicClock.System), this,
                CreateRanking(_session.Http, ProbeSamples, TimeSpan.FromSeconds(Math.Min(ProbeTimeout.TotalSeconds, TimeoutSec)), force: false), transfer, _folder, Force, RequireHttps);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The record cannot be read (or is a link, never followed): fail once, before any track is queued.
            ThrowTerminatingError(ErrorRecords.InvalidDownloadFolder(_folder, ex.Message.TrimEnd('.')));
            throw;
        }

        if (!IsProgressSilent())
        {
            _progress = new DownloadProgressReporter(this, _downloader!.Board, _total);
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

    private bool IsProgressSilent() =>
        GetVariableValue("ProgressPreference") is ActionPreference preference
        && preference is ActionPreference.SilentlyContinue or ActionPreference.Ignore;

    private void Write(DownloadOutcome outcome)
    {
        _inFlight.Remove(outcome.TrackId);
        _progress?.Completed();
        foreach (PoolApiException problem in outcome.Problems)
        {
            WriteError(ErrorRecords.FromApiFailure(problem, outcome.TrackId));
        }

        if (outcome.Failure is { } failure)
        {
            if (failure.Kind is PoolErrorKind.Unauthorized or PoolErrorKind.TokenExpired)
            {
                // Every other track would be refused the same way: stop them all rather than repeat the error.
                CancelPendingWork();
                ThrowTerminatingError(ErrorRecords.FromApiFailure(failure, outcome.TrackId));
            }

            WriteError(ErrorRecords.FromApiFailure(failure, outcome.TrackId));
            return;
        }

        WriteObject(outcome.Download);
    }
}
