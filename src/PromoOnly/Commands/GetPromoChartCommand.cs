using System.Management.Automation;

namespace PromoOnly.Commands;

/// <summary>
/// Get-PromoChart: the charts the account can see, and whether each is shown. Charts are releases,
/// so Get-PromoChart | Get-PromoTrack lists their tracks.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PromoChart", HelpUri = HelpLinks.Browsing)]
[OutputType(typeof(Chart))]
public sealed class GetPromoChartCommand : CatalogueCmdlet
{
    protected override void EndProcessing() =>
        WriteAll(() => Preferences.GetChartsAsync(CancelToken), ActiveSession, "the charts");
}
