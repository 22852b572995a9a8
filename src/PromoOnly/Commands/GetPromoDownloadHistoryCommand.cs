using System.Collections.Generic;
using System.Management.Automation;
using PromoOnly.Catalogue;
using PromoOnly.Client;

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

        PageFeed<DownloadHistoryEntry> feed = Catalogue.HistoryPages(media, view);
        ulong skip = PagingParameters.Skip;
        ulong emitted = 0;
        while (!feed.IsFinished && emitted < PagingParameters.First)
        {
            IReadOnlyList<DownloadHistoryEntry> entries;
            try
            {
                entries = Await(feed.NextAsync(CancelToken));
            }
            catch (PoolApiException failure)
            {
                WriteFailure(failure, $"download history page {feed.PagesRead + 1}");
                break;
            }

            foreach (DownloadHistoryEntry entry in entries)
            {
                if (skip > 0)
                {
                    skip--;
                    continue;
                }

                WriteObject(entry);
                if (++emitted >= PagingParameters.First)
                {
                    break;
                }
            }
        }

        NoteSkipped(feed.Skipped, "the download history");
        NoteEnd(feed.Warning("the download history"));
        if (PagingParameters.IncludeTotalCount)
        {
            WriteObject(PagingParameters.NewTotalCount(emitted, 0.0));
        }
    }
}
