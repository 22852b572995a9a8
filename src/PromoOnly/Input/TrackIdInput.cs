using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace PromoOnly.Input;

/// <summary>
/// Turns what people actually pass as track ids (numbers, lines of a text file, CSV cells) into
/// ids, or into a message that says what is wrong and what to do. PowerShell's own conversion to
/// long would read '337865,123402' as 337865123402 and round 337865.5 to 337866: a different track.
/// </summary>
internal static class TrackIdInput
{
    /// <summary>
    /// The ids in <paramref name="value"/>: one value or a list of them. Blank text (an empty line
    /// of ids.txt) gives no id. Null when something is not a track id; <paramref name="problem"/> says why.
    /// </summary>
    public static long[]? TryParseAll(object? value, Func<object?, object?> unwrap, out string problem)
    {
        if (unwrap(value) is IEnumerable list and not string)
        {
            var ids = new List<long>();
            int position = 0;
            foreach (object? item in list)
            {
                position++;
                if (!TryParse(unwrap(item), out long? id, out problem))
                {
                    problem = $"Item {position}: {problem}";
                    return null;
                }

                if (id is { } found)
                {
                    ids.Add(found);
                }
            }

            problem = string.Empty;
            return ids.ToArray();
        }

        return TryParse(unwrap(value), out long? one, out problem)
            ? (one is { } single ? new[] { single } : Array.Empty<long>())
            : null;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is something this parser reads (text, numbers, or a list
    /// of them). Anything else, such as a CSV row, is left for binding by property name.
    /// </summary>
    public static bool IsIdLike(object? value, Func<object?, object?> unwrap)
    {
        if (unwrap(value) is IEnumerable list and not string)
        {
            foreach (object? item in list)
            {
                if (!IsScalarIdLike(unwrap(item)))
                {
                    return false;
                }
            }

            return true;
        }

        return IsScalarIdLike(unwrap(value));
    }

    private static bool IsScalarIdLike(object? value) =>
        value is null or string or long or int or short or byte or sbyte or ushort or uint or ulong or double or float or decimal;

    /// <summary>One value: null <paramref name="id"/> (and true) for blank text, which is skipped.</summary>
    public static bool TryParse(object? value, out long? id, out string problem)
    {
        id = null;
        problem = string.Empty;
        switch (value)
        {
            case null:
                return true;
            case string text:
                return TryParseText(text, out id, out problem);
            case long or int or short or byte or sbyte or ushort or uint or ulong:
                return TryPositive(Convert.ToDecimal(value, CultureInfo.InvariantCulture), value, out id, out problem);
            case double or float or decimal:
                decimal number;
                try
                {
                    number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                }
                catch (OverflowException)
                {
                    problem = $"{Show(value)} is not a track id: track ids are whole numbers from 1 to {long.MaxValue}.";
                    return false;
                }

                if (number != decimal.Truncate(number))
                {
                    problem = $"{Show(value)} is not a track id: track ids are whole numbers. Check the input; it would not be rounded to a neighbouring track.";
                    return false;
                }

                return TryPositive(number, value, out id, out problem);
            default:
                problem = $"A {value.GetType().Name} is not a track id. Pass numbers, lines of numbers, or objects with a TrackId (or Id, Track_Id, 'Track Id') property.";
                return false;
        }
    }

    private static bool TryParseText(string text, out long? id, out string problem)
    {
        id = null;
        problem = string.Empty;
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed))
        {
            return TryPositive(parsed, text, out id, out problem);
        }

        if (trimmed.IndexOfAny(new[] { ',', ';', ' ', '\t' }) >= 0)
        {
            problem = $"{Show(text)} holds several values, not one track id. Give one id per line or per item, for example: ({Show(text)} -split '[,; ]+')";
            return false;
        }

        problem = decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? $"{Show(text)} is not a track id: track ids are whole numbers from 1 to {long.MaxValue}, written with digits only."
            : $"{Show(text)} is not a track id: track ids are whole numbers, written with digits only.";
        return false;
    }

    private static bool TryPositive(decimal number, object shown, out long? id, out string problem)
    {
        id = null;
        if (number < 1 || number > long.MaxValue)
        {
            problem = $"{Show(shown)} is not a track id: track ids are whole numbers from 1 to {long.MaxValue}.";
            return false;
        }

        id = (long)number;
        problem = string.Empty;
        return true;
    }

    // Quoted, capped and on one line: the value came from a file and may be anything.
    private static string Show(object value)
    {
        string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        return "'" + Client.ServerText.Excerpt(text) + "'";
    }
}
