using System.Collections.Generic;
using System.Management.Automation;
using PromoOnly.Client;
using PromoOnly.Catalogue;
using PromoOnly.Pipeline;

namespace PromoOnly.Commands;

/// <summary>
/// Remove-PromoDownloadQueue: takes tracks off the account's download queue before they download
/// (<c>GET /download/remove/{id}</c>). Several at once, confirmed one by one on the pipeline thread,
/// each id once per run; removing a track that is no longer queued is harmless, so a run can be repeated.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "PromoDownloadQueue", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.QueueAndSessions)]
[OutputType(typeof(long))]
public sealed class RemovePromoDownloadQueueCommand : CatalogueCmdlet
{
    private readonly HashSet<long> _seen = new();
    private OrderedPipeline<long, Outcome<object>> _pipeline = null!;

    /// <summary>Read like Save-PromoTrack's: Track objects and CSV rows bind by TrackId (or Id, Track_Id, "Track Id").</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "Track_Id", "Track Id")]
    [AllowEmptyCollection]
    [TrackIdTransformation]
    [ValidateRange(1, long.MaxValue)]
    public long[] TrackId { get; set; } = null!;

    /// <summary>How many removals may be in flight at once.</summary>
    [Parameter]
    [ValidateRange(1, 16)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>Writes the id of each track removed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _pipeline = IdPipeline<object>(ThrottleLimit, async (id, cancel) => await Account.RemoveFromQueueAsync(id, cancel).ConfigureAwait(false));
    }

    protected override void ProcessRecord()
    {
        foreach (long id in TrackId)
        {
            if (_seen.Add(id) && ShouldProcess($"track {id}", "Remove from the download queue"))
            {
                AddInOrder(_pipeline, id, Write);
            }
        }
    }

    protected override void EndProcessing() => DrainInOrder(_pipeline, Write);

    protected override void DisposeResources() => _pipeline?.Dispose();

    private void Write(Outcome<object> outcome)
    {
        if (outcome.Failure is { } failure)
        {
            WriteFailure(failure, outcome.Id);
        }
        else if (PassThru)
        {
            WriteObject(outcome.Id);
        }
    }
}
