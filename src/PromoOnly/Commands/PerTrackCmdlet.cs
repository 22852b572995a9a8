using System;
using System.Management.Automation;

namespace PromoOnly.Commands;

/// <summary>
/// Base of the cmdlets that work through track ids in the ordered, throttled pipeline
/// (Get-PromoDownloadServer, Save-PromoTrack): the parameters they share, defined once, so they
/// bind, validate and default the same way in both.
/// </summary>
public abstract class PerTrackCmdlet : PromoCmdlet
{
    // Blank lines skipped, '1,2' and 1.5 refused; the aliases bind CSV columns named Id, Track_Id or "Track Id" by property name.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "Track_Id", "Track Id")]
    [AllowEmptyCollection]
    [TrackIdTransformation]
    [ValidateRange(1, long.MaxValue)]
    public long[] TrackId { get; set; } = null!;

    /// <summary>A session from Connect-PromoOnly -PassThru, used instead of the default one.</summary>
    [Parameter]
    [ValidateNotNull]
    [SessionTransformation]
    public PromoOnlySession? Session { get; set; }

    /// <summary>Retries for 408, 429, 5xx, dropped connections and timeouts, per track (and for a dropped transfer on one mirror).</summary>
    [Parameter]
    [ValidateRange(0, 10)]
    public int MaxRetryCount { get; set; } = 4;

    /// <summary>How long a request may wait for an answer, and a transfer for its next bytes.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>The time limit of one request, from -TimeoutSec.</summary>
    internal TimeSpan RequestTimeout => TimeSpan.FromSeconds(TimeoutSec);

    /// <summary>How many ids there are, when known up front: given as an argument, not piped in one by one.</summary>
    internal long? KnownTotal =>
        MyInvocation.ExpectingInput || !MyInvocation.BoundParameters.ContainsKey(nameof(TrackId)) ? null : TrackId.Length;
}
