using System.Management.Automation;
using PromoOnly.Downloads;

namespace PromoOnly.Commands;

/// <summary>
/// -TrustedMediaHost takes host names (media.example.net) or *. before one (*.example.net): a
/// scheme, port, path or wildcard elsewhere is refused before connecting, naming the value.
/// </summary>
internal sealed class ValidateMediaHostPatternAttribute : ValidateEnumeratedArgumentsAttribute
{
    protected override void ValidateElement(object element)
    {
        string pattern = (element is PSObject wrapped ? wrapped.BaseObject : element)?.ToString() ?? string.Empty;
        if (MediaHostPolicy.PatternProblem(pattern) is { } problem)
        {
            throw new ValidationMetadataException(problem);
        }
    }
}
