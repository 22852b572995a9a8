using System.Management.Automation;
using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>Get-PromoTrackVersion: the other versions (mixes, edits, videos) of each track's title.</summary>
[Cmdlet(VerbsCommon.Get, "PromoTrackVersion")]
[OutputType(typeof(Track))]
public sealed class GetPromoTrackVersionCommand : CatalogueCmdlet
{
    /// <summary>Tracks; Track objects bind by their TrackId.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, long.MaxValue)]
    public long[] TrackId { get; set; } = null!;

    protected override void ProcessRecord()
    {
        foreach (long id in TrackId)
        {
            try
            {
                Mapped<Track> versions = Await(Catalogue.GetTrackVersionsAsync(id, CancelToken));
                NoteSkipped(versions.Skipped, $"the versions of track {id}");
                WriteObject(versions.Items, enumerateCollection: true);
            }
            catch (PoolApiException failure)
            {
                WriteFailure(failure, id);
            }
        }
    }
}
