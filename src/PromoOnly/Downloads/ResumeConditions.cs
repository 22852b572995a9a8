using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;

namespace PromoOnly.Downloads;

/// <summary>
/// When the bytes in a .partial file may be continued, and how to ask (RFC 9110 §13.1.5, If-Range):
/// only the answer that started the file can finish it. With the validator that answer carried (a
/// strong ETag, else Last-Modified), every Range request carries <c>If-Range</c>, so a mirror whose
/// file changed (or that watermarks each download) sends the whole new file instead of the rest of
/// another one. Without a validator, only the same dl_token's answer, in this run, is continued.
/// </summary>
internal static class ResumeConditions
{
    /// <summary>Sets Range (and If-Range) on <paramref name="request"/>, or starts the file over; returns the offset asked for.</summary>
    public static long Apply(HttpRequestMessage request, PartialFile file, string dlToken)
    {
        if (file.Length == 0)
        {
            return 0;
        }

        RangeConditionHeaderValue? condition = Condition(file.Validator);
        if (condition is null && !string.Equals(file.StartedWith, dlToken, StringComparison.Ordinal))
        {
            file.Restart();
            return 0;
        }

        request.Headers.Range = new RangeHeaderValue(file.Length, null);
        request.Headers.IfRange = condition;
        return file.Length;
    }

    /// <summary>The strong ETag of an answer, else its Last-Modified date, as kept beside the partial; null when it has neither.</summary>
    public static string? ValidatorOf(HttpResponseMessage response)
    {
        if (response.Headers.ETag is { IsWeak: false } tag)
        {
            return tag.Tag;
        }

        return response.Content.Headers.LastModified is { } modified ? modified.ToString("r", CultureInfo.InvariantCulture) : null;
    }

    /// <summary>False when a 206 names another version than the one the file started with: a server that ignored If-Range.</summary>
    public static bool Continues(HttpResponseMessage response, PartialFile file) =>
        file.Validator is not { } kept || !kept.StartsWith("\"", StringComparison.Ordinal)
        || response.Headers.ETag is not { IsWeak: false } tag || string.Equals(tag.Tag, kept, StringComparison.Ordinal);

    private static RangeConditionHeaderValue? Condition(string? validator)
    {
        if (validator is null)
        {
            return null;
        }

        if (validator.StartsWith("\"", StringComparison.Ordinal))
        {
            return EntityTagHeaderValue.TryParse(validator, out EntityTagHeaderValue? tag) && tag is not null ? new RangeConditionHeaderValue(tag) : null;
        }

        return DateTimeOffset.TryParseExact(validator, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date)
            ? new RangeConditionHeaderValue(date)
            : null;
    }
}
