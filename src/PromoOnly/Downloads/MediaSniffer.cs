using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Downloads;

/// <summary>
/// Looks at the first bytes of a media body, whatever type the server declared: a JSON object or
/// array, or an HTML (or XML) document, is an error message, never a track. Media formats start
/// with binary magic (ID3, an MPEG frame, ftyp boxes, RIFF), and their bytes are not all text, so
/// a body is taken for a message only when its start is markup or JSON <em>and</em> every byte
/// looked at is text: mid-file bytes of a resumed body that happen to be '{' are not a message.
/// </summary>
internal static class MediaSniffer
{
    /// <summary>How many leading bytes are looked at (fewer when the body is shorter).</summary>
    public const int SniffLength = 512;

    // How much of a message sent instead of the file is quoted in the error.
    private const int MaxQuotedBytes = 2048;

    /// <summary>How many first bytes to look at: <see cref="SniffLength"/>, or what is left of a shorter announced body (at least one).</summary>
    public static int Wanted(long? endAt, long received) =>
        (int)Math.Min(SniffLength, endAt is { } end ? Math.Max(1, end - received) : SniffLength);

    /// <summary>What the body is when it is not media ("a JSON object", "an HTML document"), else null.</summary>
    public static string? Identify(byte[] bytes, int count)
    {
        int length = count < SniffLength ? count : SniffLength;
        int i = length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        for (int j = i; j < length; j++)
        {
            byte b = bytes[j];
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r') || b == 0x7F)
            {
                return null;
            }
        }

        while (i < length && bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }

        if (i >= length)
        {
            return null;
        }

        byte first = bytes[i];
        byte next = i + 1 < length ? bytes[i + 1] : (byte)0;
        return first switch
        {
            (byte)'{' => "a JSON object",
            (byte)'[' => "a JSON array",
            (byte)'<' when next is (byte)'!' or (byte)'?' || next is >= (byte)'a' and <= (byte)'z' || next is >= (byte)'A' and <= (byte)'Z' => "an HTML document",
            _ => null,
        };
    }

    /// <summary>Why the first bytes of a body are not the media file (nothing at all, HTML, JSON…); null when they may be.</summary>
    public static string? NotMedia(byte[] firstBytes, int read, long received, string? contentType)
    {
        if (read == 0 && received == 0)
        {
            return "the mirror sent an empty body instead of the media file";
        }

        return Identify(firstBytes, read) is { } what
            ? $"the mirror sent {what} instead of the media file{(contentType is null ? string.Empty : $" (declared as {contentType})")}: '{ServerText.Excerpt(Encoding.UTF8.GetString(firstBytes, 0, Math.Min(read, MaxQuotedBytes)))}'"
            : null;
    }

    /// <summary>A declared type that is text or JSON: a message, never a track.</summary>
    public static bool IsTextual(string? mediaType) =>
        mediaType is not null && (mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The start of a body sent instead of the file, cleaned for an error message.</summary>
    public static async Task<string> QuoteAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var bytes = new byte[MaxQuotedBytes];
        int filled = 0, read;
        while (filled < bytes.Length && (read = await body.ReadAsync(bytes, filled, bytes.Length - filled, cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }

        return ServerText.Excerpt(Encoding.UTF8.GetString(bytes, 0, filled));
    }
}
