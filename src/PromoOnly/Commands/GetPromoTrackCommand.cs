using System.Management.Automation;
using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>Get-PromoTrack: the tracks of releases (charts included), in each release's own order.</summary>
[Cmdlet(VerbsCommon.Get, "PromoTrack")]
[OutputType(typeof(Track))]
public sealed class GetPromoTrackCommand : CatalogueCmdlet
{
    /// <summary>Releases; Release objects from Get-PromoRelease bind by their ReleaseId.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, long.MaxValue)]
    public long[] ReleaseId { get; set; } = null!;

    protected override void ProcessRecord()
    {
        foreach (long id in ReleaseId)
        {
            try
            {
                (Release _, Mapped<Track> tracks) = Await(Catalogue.GetReleaseAsync(id, CancelToken));
                NoteSkipped(tracks.Skipped, $"release {id}");
                WriteObject(tracks.Items, enumerateCollection: true);
            }
            catch (PoolApiException failure)
            {
                WriteFailure(failure, id);
            }
        }
    }
}
