using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>
/// Set-PromoFormatFilter: which release formats the account hides. The POOL replaces the whole
/// filter on every save (every format not named is shown), so all ids from the argument and the
/// pipeline go out together in one request, and saving the same set again changes nothing.
/// </summary>
[Cmdlet(VerbsCommon.Set, "PromoFormatFilter", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Preferences)]
[OutputType(typeof(ReleaseFormat))]
public sealed class SetPromoFormatFilterCommand : CatalogueCmdlet
{
    private readonly List<int> _hidden = new();

    // The filter is saved whole, so saving with nothing bound would show every format: only a
    // bound -HideFormatId (an explicit empty list included) says what to hide, never an empty
    // pipeline or one whose objects all failed to bind.
    private bool _bound;

    /// <summary>The formats to hide; ReleaseFormat objects bind by their Id. An empty list shows every format.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [AllowEmptyCollection]
    [ValidateRange(0, int.MaxValue)]
    public int[] HideFormatId { get; set; } = null!;

    protected override void ProcessRecord()
    {
        _bound = true;
        _hidden.AddRange(HideFormatId);
    }

    protected override void EndProcessing()
    {
        if (!_bound)
        {
            return;
        }

        int[] hidden = _hidden.Distinct().OrderBy(id => id).ToArray();
        string target = hidden.Length == 0 ? "no release format (show them all)" : "release formats " + string.Join(", ", hidden);
        if (!ShouldProcess(target, "Hide"))
        {
            return;
        }

        int[] nowHidden;
        try
        {
            nowHidden = Await(Preferences.SaveFormatFiltersAsync(hidden, CancelToken));
        }
        catch (PoolApiException failure)
        {
            WriteFailure(failure, hidden);
            return;
        }

        WriteObject(Named(nowHidden), enumerateCollection: true);
    }

    /// <summary>
    /// The hidden ids with their names from the account's format list. The save already happened,
    /// so a failed name lookup only leaves the names empty, and says so.
    /// </summary>
    private ReleaseFormat[] Named(int[] ids)
    {
        Dictionary<int, string> names = new();
        if (ids.Length > 0)
        {
            try
            {
                Mapped<ReleaseFormat> formats = Await(Preferences.GetReleaseFormatsAsync(CancelToken));
                names = formats.Items.GroupBy(f => f.Id).ToDictionary(g => g.Key, g => g.First().Name);
            }
            catch (PoolApiException failure)
            {
                WriteWarning($"The formats are hidden, but their names could not be read: {failure.Message}");
            }
        }

        return ids.Select(id => new ReleaseFormat(id) { Name = names.TryGetValue(id, out string? name) ? name : string.Empty }).ToArray();
    }
}
