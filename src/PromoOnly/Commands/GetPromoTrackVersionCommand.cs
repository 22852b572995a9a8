using System.Management.Automation;
using PromoOnly.Catalogue;
using PromoOnly.Client;
using PromoOnly.Pipeline;

namespace PromoOnly.Commands;

/// <summary>
/// Get-PromoTrackVersion: the other versions (mixes, edits, videos) of each track's title, fetched
/// concurrently and written in input order.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PromoTrackVersion")]
[OutputType(typeof(Track))]
public sealed class GetPromoTrackVersionCommand : CatalogueCmdlet
{
    private OrderedPipeline<long, Outcome<Mapped<Track>>> _pipeline = null!;

    /// <summary>Tracks; Track objects bind by their TrackId.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, long.MaxValue)]
    public long[] TrackId { get; set; } = null!;

    /// <summary>How many tracks may be asked about at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _pipeline = IdPipeline(ThrottleLimit, Catalogue.GetTrackVersionsAsync);
    }

    protected override void ProcessRecord()
    {
        foreach (long id in TrackId)
        {
            AddInOrder(_pipeline, id, Write);
        }
    }

    protected override void EndProcessing() => DrainInOrder(_pipeline, Write);

    protected override void DisposeResources() => _pipeline?.Dispose();

    private void Write(Outcome<Mapped<Track>> outcome) => WriteTracks(outcome, $"the versions of track {outcome.Id}");
}
