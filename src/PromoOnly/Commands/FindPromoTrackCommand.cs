using System;
using System.Globalization;
using System.Management.Automation;
using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>
/// Find-PromoTrack: the POOL search by field (artist, title, mix, genre, BPM range), or its quick
/// search for free text. Values are escaped so none can break the URL or add a field of its own.
/// </summary>
[Cmdlet(VerbsCommon.Find, "PromoTrack", DefaultParameterSetName = FieldSet, HelpUri = HelpLinks.FindingTracks)]
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
    [ArgumentCompleter(typeof(GenreCompleter))]
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
            WarnOfWildcards(nameof(Query), Query);
            Run(ServerText.Excerpt(Query.Trim()), () => Catalogue.QuickSearchAsync(Query.Trim(), CancelToken));
            return;
        }

        WarnOfWildcards(nameof(Artist), Artist);
        WarnOfWildcards(nameof(Title), Title);
        WarnOfWildcards(nameof(Mix), Mix);
        WarnOfWildcards(nameof(Genre), Genre);

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

        Run(ServerText.Excerpt(query.ToString()), () => Catalogue.SearchAsync(query, CancelToken));
    }

    private void Run(string what, Func<System.Threading.Tasks.Task<Mapped<Track>>> search)
    {
        Mapped<Track> found;
        try
        {
            found = Await(search());
        }
        catch (PoolApiException failure)
        {
            WriteFailure(failure, what);
            return;
        }
        catch (ArgumentException problem)
        {
            // Text that cannot be one path segment (only dots): refused before any request.
            ThrowTerminatingError(ErrorRecords.InvalidSearchText(problem.Message, what));
            return;
        }

        NoteSkipped(found.Skipped, "the search results");
        WriteObject(found.Items, enumerateCollection: true);

        // The API offers no paging for a search: say what was left out, and how to get at it.
        if (found.Found is { } total && total > found.Items.Count + found.Skipped)
        {
            WriteWarning($"The POOL API found {total.ToString("N0", CultureInfo.InvariantCulture)} tracks for {what} and returned the first {found.Items.Count}; a search cannot be paged, so narrow it (add -Artist, -Title, -Mix or -Bpm) to reach the rest.");
        }
        else if (found.Items.Count == 0 && found.Skipped == 0)
        {
            WriteWarning(ParameterSetName == QuickSet
                ? $"No track matches {what}."
                : $"No track matches {what}. Each value must appear in its field as typed; press Tab after -Genre for the genres the POOL uses.");
        }
    }

    // A user who types 'katy*' expects a wildcard; the POOL search would look for the text as typed.
    private void WarnOfWildcards(string parameter, string? value)
    {
        if (value is not null && value.IndexOfAny(new[] { '*', '?' }) >= 0)
        {
            WriteWarning($"-{parameter} '{value}': * and ? are not wildcards in a POOL search, which looks for the text as typed and matches part of a field anyway: try -{parameter} '{value.Replace("*", string.Empty).Replace("?", string.Empty).Trim()}'.");
        }
    }
}
