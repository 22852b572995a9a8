using System.Management.Automation;
using PromoOnly.Input;

namespace PromoOnly.Commands;

/// <summary>
/// Binds track ids the way a user means them: blank lines of an id file are skipped, and text
/// that is not exactly one whole number fails with a message saying why, instead of PowerShell's
/// conversion quietly turning '337865,123402' or 337865.5 into some other track's id.
/// </summary>
internal sealed class TrackIdTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        // A CSV row or a DownloadServer must fail binding by value quietly, so that PowerShell goes
        // on to bind its TrackId (or Id…) property by name.
        if (!TrackIdInput.IsIdLike(inputData, Unwrap))
        {
            return inputData;
        }

        long[]? ids = TrackIdInput.TryParseAll(inputData, Unwrap, out string problem);
        return ids ?? throw new ArgumentTransformationMetadataException(problem);
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
