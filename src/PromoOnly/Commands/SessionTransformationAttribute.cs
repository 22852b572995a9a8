using System.Management.Automation;

namespace PromoOnly.Commands;

/// <summary>
/// A session that crossed a process boundary (Start-Job, Export-Clixml) arrives as a property bag
/// without credentials. Say so plainly instead of PowerShell's generic conversion error.
/// </summary>
internal sealed class SessionTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is PromoOnlySession)
        {
            return value;
        }

        if (inputData is PSObject bag && bag.TypeNames.Contains("Deserialized." + typeof(PromoOnlySession).FullName))
        {
            throw new ArgumentTransformationMetadataException(
                "This PromoOnly session was copied from another process (Start-Job, Export-Clixml or remoting) and carries no credentials. Run Connect-PromoOnly in this process.");
        }

        return inputData;
    }
}
