using System;
using System.Management.Automation;
using PromoOnly.Catalogue;

namespace PromoOnly.Commands;

/// <summary>
/// Get-PromoDownloadHistory: what the account downloaded, newest first, one page at a time only
/// while the pipeline wants more.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PromoDownloadHistory", SupportsPaging = true, HelpUri = HelpLinks.FindingTracks)]
[OutputType(typeof(DownloadHistoryEntry))]
public sealed class GetPromoDownloadHistoryCommand : CatalogueCmdlet
{
    /// <summary>The table for -View Releases (PromoOnly.Format.ps1xml).</summary>
    private const string ReleaseView = "PromoOnly.DownloadHistoryEntry#Release";

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

        // A release line goes out under the releases table, a track line as it is.
        Func<DownloadHistoryEntry, object>? shape = view == HistoryView.Releases ? AsRelease : null;
        WritePages(Catalogue.HistoryPages(media, view), "download history", "the download history", shape);
        WriteTotalCountIfAsked();
    }

    /// <summary>A release line goes out under its own view (no track title or mix), still a DownloadHistoryEntry.</summary>
    private static PSObject AsRelease(DownloadHistoryEntry entry)
    {
        var wrapped = new PSObject(entry);
        wrapped.TypeNames.Insert(0, ReleaseView);
        return wrapped;
    }
}
