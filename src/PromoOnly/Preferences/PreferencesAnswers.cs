using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using PromoOnly.Catalogue;
using static PromoOnly.Catalogue.LenientJson;

namespace PromoOnly.Preferences;

/// <summary>
/// The preference answers of contract section 7, checked for the shape each promises and mapped
/// leniently (ids and flags as numbers or text). A <c>{"result": …}</c> message instead of data is
/// Refused, quoting the server; any other wrong shape is an InvalidResponse.
/// </summary>
internal static class PreferencesAnswers
{
    /// <summary>The documented groups of <c>/user/options</c>; everything else lands in Preference.Other.</summary>
    private static readonly string[] OptionGroups = { "chart_filters", "download_formats", "filenaming" };

    /// <summary><c>[{chart, chartid, format, show}]</c>.</summary>
    public static Mapped<Chart> Charts(JToken document, string subject) =>
        CatalogueAnswers.Map(CatalogueAnswers.ExpectArray(document, subject, "a list of charts"), Chart);

    /// <summary><c>[{format, id}]</c>; id 0 ("All Promo Only Formats") is a real format.</summary>
    public static Mapped<ReleaseFormat> ReleaseFormats(JToken document, string subject) =>
        CatalogueAnswers.Map(CatalogueAnswers.ExpectArray(document, subject, "a list of release formats"), ReleaseFormat);

    /// <summary>
    /// <c>{"hide_formats":"1,3,5"}</c>: the ids now hidden, as the server says (a comma list as text,
    /// a number, or an array); an empty text means nothing is hidden.
    /// </summary>
    public static int[] HiddenFormats(JToken document, string subject)
    {
        if (document is not JObject answer || answer["hide_formats"] is not { } hidden)
        {
            throw CatalogueAnswers.Mismatch(document, subject, "the formats now hidden");
        }

        IEnumerable<JToken> parts = hidden switch
        {
            JArray list => list,
            JValue { Type: JTokenType.String } text => ((string?)text ?? string.Empty)
                .Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => (JToken)new JValue(p.Trim())),
            JValue { Type: JTokenType.Null } => Enumerable.Empty<JToken>(),
            JValue value => new JToken[] { value },
            _ => throw CatalogueAnswers.Invalid(subject, "the POOL API answered with hide_formats that is not a list of format ids", null),
        };

        var ids = new List<int>();
        foreach (JToken part in parts.Take(1000))
        {
            if (part is not JValue value || ToLong(value) is not { } id || id < 0 || id > int.MaxValue)
            {
                throw CatalogueAnswers.Invalid(subject, "the POOL API answered with hide_formats that is not a list of format ids", null);
            }

            ids.Add((int)id);
        }

        return ids.Distinct().ToArray();
    }

    /// <summary><c>{chart_filters, download_formats, filenaming, …}</c>: the groups typed, the rest kept.</summary>
    public static Preference Options(JToken document, string subject)
    {
        if (document is not JObject answer || !OptionGroups.Any(g => answer[g] is not null))
        {
            throw CatalogueAnswers.Mismatch(document, subject, "the account's options");
        }

        var preference = new Preference
        {
            Charts = answer["chart_filters"] is JArray charts ? CatalogueAnswers.Map(charts, Chart).Items.ToArray() : Array.Empty<Chart>(),
            DownloadFormats = answer["download_formats"] is JArray formats
                ? formats.OfType<JObject>().Select(CatalogueMapper.FileFormat).ToArray()
                : Array.Empty<FileFormat>(),
            FileNaming = answer["filenaming"] is JObject naming && FileNamingAnswer.TryRead(naming) is { } read ? read : null,
        };

        var other = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (JProperty field in answer.Properties().Where(p => !OptionGroups.Contains(p.Name)).Take(PlainJson.MaxEntries))
        {
            other[PlainJson.Key(field.Name)] = PlainJson.From(field.Value);
        }

        preference.Other = other;
        return preference;
    }

    private static Chart? Chart(JObject entry) =>
        Long(entry, "chartid", "chart_id", "id") is { } id && id > 0
            ? new Chart(id)
            {
                Name = Text(entry, "chart", "name"),
                Format = Text(entry, "format"),
                Shown = Flag(entry, "show", "shown") ?? true,
            }
            : null;

    private static ReleaseFormat? ReleaseFormat(JObject entry) =>
        Long(entry, "id") is { } id && id >= 0 && id <= int.MaxValue
            ? new ReleaseFormat((int)id) { Name = Text(entry, "format", "name") }
            : null;
}
