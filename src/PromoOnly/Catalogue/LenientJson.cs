using System;
using System.Globalization;
using System.Numerics;
using Newtonsoft.Json.Linq;
using PromoOnly.Client;

namespace PromoOnly.Catalogue;

/// <summary>
/// Field readers for catalogue answers, whose types drift between pages (API contract, section 6):
/// numbers as numbers or text, flags as 0/1, "True"/"False" or booleans, dates as YYYY-MM-DD or
/// Unix seconds, durations as mm:ss. A missing or unreadable optional field reads as empty; none
/// of these throws. Text is cleaned and masked by ServerText (no controls, bidi or zero-width characters).
/// </summary>
internal static class LenientJson
{
    /// <summary>Longest catalogue text kept (a title, an artist); the server decides the length, not the console.</summary>
    public const int MaxTextLength = 500;

    // Unix seconds beyond year 9999 cannot be a DateTime; such a value is treated as absent.
    private const long MaxUnixSeconds = 253402300799;

    // Section 7 adds RFC 1123 ("Thu, 07 Nov 2013 00:00:00 GMT", specialty release dates) and a local
    // time with its offset ("2013-12-18 14:56:29-05:00", DJ session plays); both end up in UTC.
    private static readonly string[] DateFormats =
    {
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ",
        "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-ddTHH:mm:sszzz", "r",
    };

    /// <summary>The first of <paramref name="names"/> that holds a scalar value.</summary>
    public static JValue? Find(JObject obj, params string[] names)
    {
        foreach (string name in names)
        {
            if (obj[name] is JValue { Type: not JTokenType.Null and not JTokenType.Undefined } value)
            {
                return value;
            }
        }

        return null;
    }

    public static string Text(JObject obj, params string[] names) => Find(obj, names) switch
    {
        // Masked too: a hostile server can quote the request's Authorization header in a title.
        { Type: JTokenType.String } value => ServerText.Field((string?)value, MaxTextLength),
        { Type: JTokenType.Integer or JTokenType.Float or JTokenType.Boolean } value => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? string.Empty,
        _ => string.Empty,
    };

    public static long? Long(JObject obj, params string[] names) => ToLong(Find(obj, names));

    public static long? ToLong(JValue? value)
    {
        switch (value?.Type)
        {
            case JTokenType.Integer when value.Value is long l:
                return l;
            case JTokenType.Float when ToDouble(value) is { } d && d == Math.Floor(d) && Math.Abs(d) < 9e15:
                return (long)d;
            case JTokenType.String:
                string text = ((string?)value ?? string.Empty).Trim();
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed) ? parsed : null;
            default:
                return null;
        }
    }

    public static int? Int(JObject obj, params string[] names) =>
        Long(obj, names) is { } l && l >= int.MinValue && l <= int.MaxValue ? (int)l : null;

    public static double? Double(JObject obj, params string[] names) => ToDouble(Find(obj, names));

    private static double? ToDouble(JValue? value)
    {
        double? result = value?.Type switch
        {
            JTokenType.Integer or JTokenType.Float => value.Value switch
            {
                // Past long, the reader gives a BigInteger, which Convert cannot turn into a double.
                BigInteger big => (double)big,
                IConvertible number => number.ToDouble(CultureInfo.InvariantCulture),
                _ => null,
            },
            JTokenType.String when double.TryParse(((string?)value ?? string.Empty).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
            _ => null,
        };
        return result is { } r && !double.IsNaN(r) && !double.IsInfinity(r) ? r : null;
    }

    /// <summary>true/false, 1/0, "True"/"False", "1"/"0", "yes"/"no"; anything else is empty.</summary>
    public static bool? Flag(JObject obj, params string[] names)
    {
        JValue? value = Find(obj, names);
        switch (value?.Type)
        {
            case JTokenType.Boolean:
                return (bool)value;
            case JTokenType.Integer or JTokenType.Float:
                return ToDouble(value) is { } d ? d != 0 : null;
            case JTokenType.String:
                string text = ((string?)value ?? string.Empty).Trim();
                if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text == "1")
                {
                    return true;
                }

                if (text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase) || text == "0")
                {
                    return false;
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// A calendar date ("2020-03-06", Kind Unspecified: it has no time zone) or a moment as Unix
    /// seconds, number or text (UTC).
    /// </summary>
    public static DateTime? Date(JObject obj, params string[] names)
    {
        JValue? value = Find(obj, names);
        if (value is null)
        {
            return null;
        }

        if (ToLong(value) is { } seconds)
        {
            return seconds is >= 0 and <= MaxUnixSeconds ? new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(seconds) : null;
        }

        if (value.Type == JTokenType.String
            && DateTime.TryParseExact(((string?)value ?? string.Empty).Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime parsed))
        {
            return parsed.TimeOfDay == TimeSpan.Zero ? DateTime.SpecifyKind(parsed.Date, DateTimeKind.Unspecified) : parsed;
        }

        return null;
    }

    /// <summary>"m:ss", "mm:ss" or "h:mm:ss" as text, or whole seconds as a number.</summary>
    public static TimeSpan? Duration(JObject obj, params string[] names)
    {
        JValue? value = Find(obj, names);
        if (value?.Type is JTokenType.Integer or JTokenType.Float)
        {
            return ToDouble(value) is { } s && s >= 0 && s < TimeSpan.FromDays(1).TotalSeconds ? TimeSpan.FromSeconds(Math.Round(s)) : null;
        }

        if (value?.Type != JTokenType.String)
        {
            return null;
        }

        string[] parts = ((string?)value ?? string.Empty).Trim().Split(':');
        if (parts.Length is < 1 or > 3)
        {
            return null;
        }

        long total = 0;
        foreach (string part in parts)
        {
            if (part.Length is 0 or > 4 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            {
                return null;
            }

            total = (total * 60) + n;
        }

        return total < TimeSpan.FromDays(1).TotalSeconds ? TimeSpan.FromSeconds(total) : null;
    }

    /// <summary>An absolute http or https address; anything else (javascript:, file:, relative) is dropped.</summary>
    public static Uri? HttpUri(JObject obj, params string[] names) =>
        Find(obj, names) is { Type: JTokenType.String } value
        && Uri.TryCreate(((string?)value ?? string.Empty).Trim(), UriKind.Absolute, out Uri? uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.UserInfo.Length == 0
            ? uri
            : null;
}
