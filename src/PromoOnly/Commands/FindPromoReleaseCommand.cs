using System;
using System.Management.Automation;

namespace PromoOnly.Commands;

/// <summary>
/// Find-PromoRelease: the POOL release search (<c>/rsearch/{STRING}</c>). The text is escaped so
/// it cannot break the URL; piped strings are searched one after another, in input order.
/// </summary>
[Cmdlet(VerbsCommon.Find, "PromoRelease", HelpUri = HelpLinks.Browsing)]
[OutputType(typeof(Release))]
public sealed class FindPromoReleaseCommand : CatalogueCmdlet
{
    /// <summary>The text to search release titles and artists for.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Query { get; set; } = null!;

    protected override void ProcessRecord()
    {
        string text = Query.Trim();
        try
        {
            Catalogue.CheckReleaseSearch(text);
        }
        catch (ArgumentException problem)
        {
            WriteError(ErrorRecords.InvalidSearchText(problem.Message, Query));
            return;
        }

        WriteAll(() => Catalogue.SearchReleasesAsync(text, CancelToken), Query, "the release search results");
    }
}
