using System;
using System.Globalization;

namespace PromoOnly.Client;

/// <summary>Reads a Retry-After header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).</summary>
internal static class RetryAfter
{
    /// <summary>Longer waits are clamped here; anything near it is far beyond what the module honours anyway.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>The wait the server asked for, or null when the value is absent or unreadable.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (value is null || value.Trim().Length == 0)
        {
            return null;
        }

        string text = value.Trim();
        if (text.Length > 0 && char.IsDigit(text[0]))
        {
            // All digits and nothing else; a huge value must not overflow TimeSpan.
            if (!decimal.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out decimal seconds))
            {
                return null;
            }

            return seconds >= (decimal)Longest.TotalSeconds ? Longest : TimeSpan.FromSeconds((double)seconds);
        }

        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            TimeSpan wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > Longest ? Longest : wait;
        }

        return null;
    }
}
