using System;
using System.Management.Automation;
using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>
/// Find-PromoTrack: the POOL search by field (artist, title, mix, genre, BPM range), or its quick
/// search for free text. Values are escaped so none can break the URL or add a field of its own.
/// </summary>
[Cmdlet(VerbsCommon.Find, "PromoTrack", DefaultParameterSetName = FieldSet)]
[OutputType(typeof(Track))]
public sealed class FindPromoTrackCommand : CatalogueCmdlet
{
    private const string FieldSet = "ByField";
    private const string QuickSet = "Quick";

    [Parameter(ParameterSetName = FieldSet, Position = 0)]
    public string? Artist { get; set; }

    [Parameter(ParameterSetName = FieldSet)]
    public string? Title { get; set; }

    [Parameter(ParameterSetName = FieldSet)]
    public string? Mix { get; set; }

    [Parameter(ParameterSetName = FieldSet)]
    public string? Genre { get; set; }

    /// <summary>One value (exact) or two (minimum, maximum).</summary>
    [Parameter(ParameterSetName = FieldSet)]
    [ValidateCount(1, 2)]
    [ValidateRange(1, 999)]
    public int[]? Bpm { get; set; }

    /// <summary>Free text for the quick search.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuickSet)]
    [ValidateNotNullOrEmpty]
    public string Query { get; set; } = null!;

    protected override void EndProcessing()
    {
        if (ParameterSetName == QuickSet)
        {
            Run(Query, () => Catalogue.QuickSearchAsync(Query.Trim(), CancelToken));
            return;
        }

        SearchQuery query;
        try
        {
            query = new SearchQuery(Artist, Title, Mix, Genre, Bpm?[0], Bpm is { Length: 2 } ? Bpm[1] : null);
        }
        catch (ArgumentException problem)
        {
            ThrowTerminatingError(ErrorRecords.InvalidSearch(problem.Message, Bpm));
            return;
        }

        if (query.IsEmpty)
        {
            ThrowTerminatingError(ErrorRecords.InvalidSearch("Find-PromoTrack needs something to search for.", null));
        }

        Run(query.ToString(), () => Catalogue.SearchAsync(query, CancelToken));
    }

    private void Run(string what, Func<System.Threading.Tasks.Task<Mapped<Track>>> search)
    {
        try
        {
            Mapped<Track> found = Await(search());
            NoteSkipped(found.Skipped, "the search results");
            WriteObject(found.Items, enumerateCollection: true);
        }
        catch (PoolApiException failure)
        {
            WriteFailure(failure, what);
        }
        catch (ArgumentException problem)
        {
            // Text that cannot be one path segment (only dots): refused before any request.
            ThrowTerminatingError(ErrorRecords.InvalidSearchText(problem.Message, what));
        }
    }
}
