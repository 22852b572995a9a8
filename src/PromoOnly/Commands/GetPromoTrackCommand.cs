using System.Management.Automation;
using PromoOnly.Catalogue;
using PromoOnly.Client;
using PromoOnly.Pipeline;

namespace PromoOnly.Commands;

/// <summary>
/// Get-PromoTrack: the tracks of releases (charts included). Releases are fetched concurrently;
/// their tracks come out in input order, each release's in its own order.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PromoTrack")]
[OutputType(typeof(Track))]
public sealed class GetPromoTrackCommand : CatalogueCmdlet
{
    private OrderedPipeline<long, Outcome<Mapped<Track>>> _pipeline = null!;

    /// <summary>Releases; Release objects from Get-PromoRelease bind by their ReleaseId.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, long.MaxValue)]
    public long[] ReleaseId { get; set; } = null!;

    /// <summary>How many releases may be requested at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _pipeline = IdPipeline(ThrottleLimit, async (id, cancel) => (await Catalogue.GetReleaseAsync(id, cancel).ConfigureAwait(false)).Tracks);
    }

    protected override void ProcessRecord()
    {
        foreach (long id in ReleaseId)
        {
            AddInOrder(_pipeline, id, Write);
        }
    }

    protected override void EndProcessing() => DrainInOrder(_pipeline, Write);

    protected override void DisposeResources() => _pipeline?.Dispose();

    private void Write(Outcome<Mapped<Track>> outcome) => WriteTracks(outcome, $"release {outcome.Id}");
}
