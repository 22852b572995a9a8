using System;
using System.Collections.Generic;
using System.Management.Automation;
using PromoOnly.Catalogue;
using PromoOnly.Client;
using PromoOnly.Pipeline;

namespace PromoOnly.Commands;

/// <summary>
/// Get-PromoRelease: releases by date, newest first, or the account's specialty releases, read one
/// page at a time only while the pipeline wants more; or given releases by id, several at once,
/// written in input order.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PromoRelease", DefaultParameterSetName = DateSet, SupportsPaging = true)]
[OutputType(typeof(Release))]
public sealed class GetPromoReleaseCommand : CatalogueCmdlet
{
    private const string DateSet = "ByDate";
    private const string IdSet = "ById";
    private const string SpecialtySet = "Specialty";

    private OrderedPipeline<long, Outcome<Tuple<Release, Mapped<Track>>>>? _byId;

    /// <summary>The oldest release date to return.</summary>
    [Parameter(ParameterSetName = DateSet)]
    public DateTime? Since { get; set; }

    /// <summary>The newest release date to return.</summary>
    [Parameter(ParameterSetName = DateSet)]
    public DateTime? Until { get; set; }

    /// <summary>Given releases; Release and Track objects bind by their ReleaseId, charts by their ChartId.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
    [Alias("ReleaseId", "ChartId")]
    [ValidateRange(1, long.MaxValue)]
    public long[] Id { get; set; } = null!;

    /// <summary>With -Id: how many releases may be requested at once.</summary>
    [Parameter(ParameterSetName = IdSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>The specialty releases the account owns (themed compilations it bought), newest first.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SpecialtySet)]
    public SwitchParameter Specialty { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
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
        else if (Specialty)
        {
            WritePages(new PageFeed<Release>(Catalogue.GetSpecialtyPageAsync, release => release.ReleaseId), "specialty releases", "the specialty releases");
        }
        else
        {
            WalkDates();
        }

        WriteTotalCountIfAsked();
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
        while (!feed.IsFinished && !OutputFull)
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
}
