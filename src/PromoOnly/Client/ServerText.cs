using System.Text;

namespace PromoOnly.Client;

/// <summary>Turns untrusted response text into something safe to quote in one error line.</summary>
internal static class ServerText
{
    /// <summary>How much of a server's text an error quotes; bodies can be megabytes of HTML.</summary>
    public const int MaxQuotedLength = 300;

    public static string Excerpt(string text)
    {
        var builder = new StringBuilder(System.Math.Min(text.Length, MaxQuotedLength) + 1);
        bool lastWasSpace = false;
        foreach (char c in text)
        {
            // Control characters and line breaks could forge extra lines in logs; fold them to spaces.
            bool space = char.IsWhiteSpace(c) || char.IsControl(c);
            if (space)
            {
                if (lastWasSpace || builder.Length == 0)
                {
                    continue;
                }

                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }

            lastWasSpace = space;
            if (builder.Length >= MaxQuotedLength)
            {
                return builder.ToString().TrimEnd() + "…";
            }
        }

        return builder.ToString().TrimEnd();
    }
}
