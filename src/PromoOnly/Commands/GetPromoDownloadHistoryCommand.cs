using System.Management.Automation;
using PromoOnly.Catalogue;

namespace PromoOnly.Commands;

/// <summary>
/// Get-PromoDownloadHistory: what the account downloaded, newest first, one page at a time only
/// while the pipeline wants more.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PromoDownloadHistory", SupportsPaging = true)]
[OutputType(typeof(DownloadHistoryEntry))]
public sealed class GetPromoDownloadHistoryCommand : CatalogueCmdlet
{
    /// <summary>Audio, Video or All.</summary>
    [Parameter]
    [ValidateSet("All", "Audio", "Video")]
    public string MediaType { get; set; } = "All";

    /// <summary>One entry per track, or per release.</summary>
    [Parameter]
    [ValidateSet("Tracks", "Releases")]
    public string View { get; set; } = "Tracks";

    protected override void EndProcessing()
    {
        HistoryMedia media = MediaType.ToLowerInvariant() switch
        {
            "audio" => HistoryMedia.Audio,
            "video" => HistoryMedia.Video,
            _ => HistoryMedia.All,
        };
        HistoryView view = View.ToLowerInvariant() == "releases" ? HistoryView.Releases : HistoryView.Tracks;

        WritePages(Catalogue.HistoryPages(media, view), "download history", "the download history");
        WriteTotalCountIfAsked();
    }
}
