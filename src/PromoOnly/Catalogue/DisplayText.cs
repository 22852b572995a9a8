using System.Text;

namespace PromoOnly.Catalogue;

/// <summary>
/// Catalogue text (titles, artists, labels) comes from the server and ends up in tables, file
/// names and transcripts: control characters could forge lines, bidi overrides could make
/// "3pm.exe" read as "exe.mp3", and an endless string could flood a console.
/// </summary>
internal static class DisplayText
{
    public const int MaxLength = 500;

    public static string Clean(string? text)
    {
        if (text is null || text.Length == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(System.Math.Min(text.Length, MaxLength));
        bool lastWasSpace = true;
        foreach (char c in text)
        {
            if (IsBidiControl(c) || c == '\uFEFF' || c == '\u200B')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(c);
            lastWasSpace = false;
            if (builder.Length >= MaxLength)
            {
                break;
            }
        }

        return builder.ToString().TrimEnd();
    }

    // LRM, RLM, ALM, the embeddings/overrides and the isolates: all can reorder what a reader sees.
    private static bool IsBidiControl(char c) =>
        c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
