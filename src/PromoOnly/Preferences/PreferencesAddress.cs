using System;

namespace PromoOnly.Preferences;

/// <summary>The preference URLs of contract section 7, under the session's API address.</summary>
internal static class PreferencesAddress
{
    public static Uri Charts(Uri baseUri) => new(baseUri, "user/charts");

    public static Uri ReleaseFormats(Uri baseUri) => new(baseUri, "user/formats");

    public static Uri SaveFormatFilters(Uri baseUri) => new(baseUri, "user/save/format_filters");

    public static Uri Options(Uri baseUri) => new(baseUri, "user/options");

    public static Uri FileNaming(Uri baseUri) => new(baseUri, "user/filenaming");

    public static Uri SaveFileNaming(Uri baseUri) => new(baseUri, "user/save/filenaming");
}
