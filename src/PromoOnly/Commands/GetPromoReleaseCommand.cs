using System;
using System.Collections.Generic;
using System.Management.Automation;
using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>
/// Get-PromoRelease: releases by date, newest first, read one page at a time only while the
/// pipeline wants more; or given releases by id.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PromoRelease", DefaultParameterSetName = DateSet, SupportsPaging = true)]
[OutputType(typeof(Release))]
public sealed class GetPromoReleaseCommand : CatalogueCmdlet
{
    private const string DateSet = "ByDate";
    private const string IdSet = "ById";

    private ulong _skipLeft;
    private ulong _emitted;

    /// <summary>The oldest release date to return.</summary>
    [Parameter(ParameterSetName = DateSet)]
    public DateTime? Since { get; set; }

    /// <summary>The newest release date to return.</summary>
    [Parameter(ParameterSetName = DateSet)]
    public DateTime? Until { get; set; }

    /// <summary>Given releases; Release and Track objects bind by their ReleaseId.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
    [Alias("ReleaseId")]
    [ValidateRange(1, long.MaxValue)]
    public long[] Id { get; set; } = null!;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _skipLeft = PagingParameters.Skip;
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            foreach (long id in Id)
            {
                WriteRelease(id);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == DateSet)
        {
            WalkDates();
        }

        if (PagingParameters.IncludeTotalCount)
        {
            // The API never says how many releases there are; accuracy 0 says the count is unknown.
            WriteObject(PagingParameters.NewTotalCount(_emitted, 0.0));
        }
    }

    private void WalkDates()
    {
        ReleaseWindow window;
        try
        {
            window = new ReleaseWindow(Since, Until);
        }
        catch (ArgumentException problem)
        {
            ThrowTerminatingError(ErrorRecords.InvalidDateRange(problem.Message, Since));
            return;
        }

        var feed = new PageFeed<Release>((page, cancel) => Catalogue.GetReleasePageAsync(page, window.Until, cancel), window.Judge);

        // Without -Since or -First there is no natural end (the POOL holds years): the newest page only.
        bool onePage = Since is null && !MyInvocation.BoundParameters.ContainsKey("First");
        while (!feed.IsFinished && _emitted < PagingParameters.First)
        {
            IReadOnlyList<Release> releases;
            try
            {
                releases = Await(feed.NextAsync(CancelToken));
            }
            catch (PoolApiException failure)
            {
                // A page that fails after its retries ends the walk: later pages cannot be placed.
                WriteFailure(failure, $"releases page {feed.PagesRead + 1}");
                return;
            }

            foreach (Release release in releases)
            {
                Emit(release);
                if (_emitted >= PagingParameters.First)
                {
                    break;
                }
            }

            if (onePage)
            {
                break;
            }
        }

        NoteSkipped(feed.Skipped, "the release list");
    }

    private void WriteRelease(long id)
    {
        try
        {
            (Release release, Mapped<Track> tracks) = Await(Catalogue.GetReleaseAsync(id, CancelToken));
            NoteSkipped(tracks.Skipped, $"release {id}");
            Emit(release);
        }
        catch (PoolApiException failure)
        {
            WriteFailure(failure, id);
        }
    }

    private void Emit(Release release)
    {
        if (_emitted >= PagingParameters.First)
        {
            return;
        }

        if (_skipLeft > 0)
        {
            _skipLeft--;
            return;
        }

        _emitted++;
        WriteObject(release);
    }
}
