using System.Collections;
using System.Globalization;
using System.Management.Automation;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>
/// Binds a play (a DjSessionTrack, or a row of plays read back from CSV) by its SessionId. Its
/// own Id is the play's, and PowerShell would otherwise bind that by name as if it named a
/// session. Anything without a SessionId property is left as it is, so that DjSession objects
/// bind by their Id and numbers by value.
/// </summary>
internal sealed class DjSessionIdTransformationAttribute : ArgumentTransformationAttribute
{
    private const string SessionIdProperty = "SessionId";

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if (Unwrap(inputData) is IList list)
        {
            var items = new object?[list.Count];
            bool changed = false;
            for (int i = 0; i < items.Length; i++)
            {
                bool play = TryReadSessionId(list[i], out long id);
                items[i] = play ? id : list[i];
                changed |= play;
            }

            return changed ? items : inputData;
        }

        // A whole long[] is what the parameter takes, so a piped play binds by value before
        // PowerShell would try the play's Id by name.
        return TryReadSessionId(inputData, out long one) ? new[] { one } : inputData;
    }

    private static bool TryReadSessionId(object? value, out long id)
    {
        id = 0;
        if (value is null || PSObject.AsPSObject(value).Properties[SessionIdProperty] is not { } property)
        {
            return false;
        }

        // Strictly digits: PowerShell's own conversion would read '770100,770101' as one number.
        object? sessionId = Unwrap(property.Value);
        bool read = sessionId switch
        {
            string text => long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out id),
            long or int or short or byte or sbyte or ushort or uint or ulong => LanguagePrimitives.TryConvertTo(sessionId, CultureInfo.InvariantCulture, out id),
            _ => false,
        };
        if (read && id > 0)
        {
            return true;
        }

        string shown = ServerText.Excerpt(System.Convert.ToString(sessionId, CultureInfo.InvariantCulture));
        throw new ArgumentTransformationMetadataException(
            $"SessionId '{shown}' is not a DJ session id: pipe DjSession objects (Get-PromoDjSession), plays (DjSessionTrack), or session ids, whole numbers from 1.");
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
