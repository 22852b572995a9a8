using System.Management.Automation;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>Get-PromoPreference: all of the account's POOL options in one object.</summary>
[Cmdlet(VerbsCommon.Get, "PromoPreference", HelpUri = HelpLinks.Preferences)]
[OutputType(typeof(Preference))]
public sealed class GetPromoPreferenceCommand : CatalogueCmdlet
{
    protected override void EndProcessing()
    {
        try
        {
            WriteObject(Await(Preferences.GetOptionsAsync(CancelToken)));
        }
        catch (PoolApiException failure)
        {
            WriteFailure(failure, ActiveSession);
        }
    }
}
