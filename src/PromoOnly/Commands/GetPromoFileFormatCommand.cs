using System.Management.Automation;
using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>Get-PromoFileFormat: the account's file formats, which decide what Save-PromoTrack receives.</summary>
[Cmdlet(VerbsCommon.Get, "PromoFileFormat", HelpUri = HelpLinks.FindingTracks)]
[OutputType(typeof(FileFormat))]
public sealed class GetPromoFileFormatCommand : CatalogueCmdlet
{
    protected override void EndProcessing()
    {
        try
        {
            Mapped<FileFormat> formats = Await(Catalogue.GetFileFormatsAsync(CancelToken));
            NoteSkipped(formats.Skipped, "the file formats");
            WriteObject(formats.Items, enumerateCollection: true);
        }
        catch (PoolApiException failure)
        {
            WriteFailure(failure, ActiveSession);
        }
    }
}
