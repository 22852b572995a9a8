using System.Globalization;
using System.Management.Automation;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>
/// How -WhatIf and -Confirm name a track: "Track 200111 (Artist - Title (Mix))" when the input
/// object (a Track, a CSV row) carries those fields, else "Track 200111". Text from a server or a
/// file is cleaned, as everywhere it is shown.
/// </summary>
internal static class TrackLabel
{
    public static string Of(long trackId, PSObject? input)
    {
        string id = "Track " + trackId.ToString(CultureInfo.InvariantCulture);
        string artist = Field(input, "Artist");
        string title = Field(input, "Title");
        string mix = Field(input, "Mix");
        string name = artist.Length > 0 && title.Length > 0 ? $"{artist} - {title}" : artist + title;
        if (name.Length == 0)
        {
            return id;
        }

        return mix.Length > 0 ? $"{id} ({name} ({mix}))" : $"{id} ({name})";
    }

    private static string Field(PSObject? input, string name)
    {
        if (input is null || input.BaseObject is string || input.BaseObject.GetType().IsPrimitive)
        {
            return string.Empty;
        }

        try
        {
            return input.Properties[name]?.Value is { } value ? ServerText.Excerpt(value.ToString() ?? string.Empty).Trim() : string.Empty;
        }
        catch (GetValueException)
        {
            return string.Empty;
        }
    }
}
