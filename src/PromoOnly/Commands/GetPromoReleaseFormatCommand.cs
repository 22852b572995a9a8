using System.Management.Automation;

namespace PromoOnly.Commands;

/// <summary>Get-PromoReleaseFormat: the release formats the account can filter by, with the ids Set-PromoFormatFilter takes.</summary>
[Cmdlet(VerbsCommon.Get, "PromoReleaseFormat", HelpUri = HelpLinks.Preferences)]
[OutputType(typeof(ReleaseFormat))]
public sealed class GetPromoReleaseFormatCommand : CatalogueCmdlet
{
    protected override void EndProcessing() =>
        WriteAll(() => Preferences.GetReleaseFormatsAsync(CancelToken), ActiveSession, "the release formats");
}
