using System.Management.Automation;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>Get-PromoFileNaming: how the POOL names the account's downloads, slot by slot, with the choices it offers.</summary>
[Cmdlet(VerbsCommon.Get, "PromoFileNaming", HelpUri = HelpLinks.Preferences)]
[OutputType(typeof(FileNaming))]
public sealed class GetPromoFileNamingCommand : CatalogueCmdlet
{
    protected override void EndProcessing()
    {
        try
        {
            WriteObject(Await(Preferences.GetFileNamingAsync(CancelToken)));
        }
        catch (PoolApiException failure)
        {
            WriteFailure(failure, ActiveSession);
        }
    }
}
