using System;
using System.Collections.Generic;
using System.Management.Automation;
using PromoOnly.Catalogue;
using PromoOnly.Client;
using PromoOnly.Pipeline;

namespace PromoOnly.Commands;

/// <summary>
/// Get-PromoRelease: releases by date, newest first, read one page at a time only while the
/// pipeline wants more; or given releases by id, several at once, written in input order.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PromoRelease", DefaultParameterSetName = DateSet, SupportsPaging = true)]
[OutputType(typeof(Release))]
public sealed class GetPromoReleaseCommand : CatalogueCmdlet
{
    private const string DateSet = "ByDate";
    private const string IdSet = "ById";

    private ulong _skipLeft;
    private ulong _emitted;
    private OrderedPipeline<long, Outcome<Tuple<Release, Mapped<Track>>>>? _byId;

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

    /// <summary>With -Id: how many releases may be requested at once.</summary>
    [Parameter(ParameterSetName = IdSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _skipLeft = PagingParameters.Skip;
        if (ParameterSetName == IdSet)
        {
            _byId = IdPipeline(ThrottleLimit, async (id, cancel) =>
            {
                (Release release, Mapped<Track> tracks) = await Catalogue.GetReleaseAsync(id, cancel).ConfigureAwait(false);
                return Tuple.Create(release, tracks);
            });
        }
    }

    protected override void ProcessRecord()
    {
        if (_byId is not null)
        {
            foreach (long id in Id)
            {
                AddInOrder(_byId, id, WriteRelease);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (_byId is not null)
        {
            DrainInOrder(_byId, WriteRelease);
        }
        else
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

        PageFeed<Release> feed = Catalogue.ReleasePages(window);

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
        NoteEnd(feed.Warning("the release list"));
    }

    private void WriteRelease(Outcome<Tuple<Release, Mapped<Track>>> outcome)
    {
        if (outcome.Failure is { } failure)
        {
            WriteFailure(failure, outcome.Id);
            return;
        }

        NoteSkipped(outcome.Value!.Item2.Skipped, $"release {outcome.Id}");
        Emit(outcome.Value.Item1);
    }

    protected override void DisposeResources() => _byId?.Dispose();

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
