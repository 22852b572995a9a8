using System;
using System.Management.Automation;
using PromoOnly.Catalogue;
using PromoOnly.Client;
using PromoOnly.Pipeline;

namespace PromoOnly.Commands;

/// <summary>
/// Get-PromoTrack: the tracks of releases (charts included), fetched concurrently and written in
/// input order; or a genre's tracks of one day, the specialty tracks of a year, or those of a
/// decade (paged lazily).
/// </summary>
[Cmdlet(VerbsCommon.Get, "PromoTrack", DefaultParameterSetName = ReleaseSet, SupportsPaging = true)]
[OutputType(typeof(Track))]
public sealed class GetPromoTrackCommand : CatalogueCmdlet
{
    private const string ReleaseSet = "ByRelease";
    private const string GenreSet = "ByGenre";
    private const string YearSet = "BySpecialtyYear";
    private const string DecadeSet = "ByDecade";

    private OrderedPipeline<long, Outcome<Mapped<Track>>>? _pipeline;

    /// <summary>Releases; Release objects bind by their ReleaseId, Chart objects by their ChartId.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ReleaseSet)]
    [Alias("ChartId")]
    [ValidateRange(1, long.MaxValue)]
    public long[] ReleaseId { get; set; } = null!;

    /// <summary>How many releases may be requested at once.</summary>
    [Parameter(ParameterSetName = ReleaseSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>A genre as the POOL names it ("R&amp;B", "Top 40").</summary>
    [Parameter(Mandatory = true, ParameterSetName = GenreSet)]
    [ValidateNotNullOrEmpty]
    public string Genre { get; set; } = null!;

    /// <summary>The day of -Genre; its calendar date is used as given. Default: today's local date.</summary>
    [Parameter(ParameterSetName = GenreSet)]
    public DateTime Date { get; set; } = DateTime.Today;

    /// <summary>The year of the specialty tracks (a purchase, subscription or give-away of the account).</summary>
    [Parameter(Mandatory = true, ParameterSetName = YearSet)]
    [ValidateRange(1000, 9999)]
    public int SpecialtyYear { get; set; }

    /// <summary>The decade of the specialty tracks, as its first year: 1950, 1960, …</summary>
    [Parameter(Mandatory = true, ParameterSetName = DecadeSet)]
    [ValidateRange(1000, 9990)]
    public int Decade { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ParameterSetName == ReleaseSet)
        {
            _pipeline = IdPipeline(ThrottleLimit, async (id, cancel) => (await Catalogue.GetReleaseAsync(id, cancel).ConfigureAwait(false)).Tracks);
        }
    }

    protected override void ProcessRecord()
    {
        if (_pipeline is null)
        {
            return;
        }

        foreach (long id in ReleaseId)
        {
            AddInOrder(_pipeline, id, Write);
        }
    }

    protected override void EndProcessing()
    {
        switch (ParameterSetName)
        {
            case ReleaseSet:
                DrainInOrder(_pipeline!, Write);
                break;
            case GenreSet:
                WriteGenre();
                break;
            case YearSet:
                WriteAll(() => Catalogue.GetSpecialtyYearAsync(SpecialtyYear, CancelToken), SpecialtyYear, $"the specialty tracks of {SpecialtyYear}");
                break;
            case DecadeSet:
                if (Decade % 10 != 0)
                {
                    ThrowTerminatingError(ErrorRecords.InvalidDecade(Decade));
                }

                WritePages(new PageFeed<Track>((page, cancel) => Catalogue.GetDecadePageAsync(Decade, page, cancel), track => track.TrackId), $"the {Decade}s specialty tracks", $"the {Decade}s specialty tracks");
                break;
        }

        WriteTotalCountIfAsked();
    }

    protected override void DisposeResources() => _pipeline?.Dispose();

    private void WriteGenre()
    {
        // Checked before anything is sent: a genre that escapes to "." or ".." would address another path.
        try
        {
            CatalogueAddress.GenreSegment(Genre);
        }
        catch (ArgumentException problem)
        {
            ThrowTerminatingError(ErrorRecords.InvalidGenre(problem.Message, Genre));
        }

        WriteAll(() => Catalogue.GetGenreTracksAsync(Genre, Date, CancelToken), Genre, $"the {Genre} tracks");
    }

    private void Write(Outcome<Mapped<Track>> outcome)
    {
        if (outcome.Failure is { } failure)
        {
            WriteFailure(failure, outcome.Id);
            return;
        }

        NoteSkipped(outcome.Value!.Skipped, $"release {outcome.Id}");
        foreach (Track track in outcome.Value.Items)
        {
            Emit(track);
        }
    }
}
