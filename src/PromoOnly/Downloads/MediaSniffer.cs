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
}
