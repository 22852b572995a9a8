using System;

namespace PromoOnly.Client;

/// <summary>
/// Text a server controls, made safe to print: one line, nothing that can recolour or clear the
/// terminal (ESC sequences), reorder what the user reads (bidi overrides), hide characters
/// (zero-width characters) or forge extra log lines.
/// </summary>
internal static class TerminalText
{
    /// <summary>
    /// One line of at most <paramref name="limit"/> characters: whitespace and C0/C1 controls fold into
    /// single spaces, format characters (bidi embeddings, overrides and isolates, zero-width characters,
    /// BOMs) are dropped, and lone surrogates become U+FFFD.
    /// </summary>
    public static string Clean(string? text, int limit)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var output = new char[Math.Min(text!.Length, limit)];
        return new string(output, 0, Fold(new StringChars(text), output));
    }

    /// <summary>
    /// The same cleaning in place, for a secret's spelling that must never become a string: a secret is
    /// looked for in cleaned text, so it is looked for as cleaning would leave it. Returns the new length.
    /// </summary>
    public static int CleanInPlace(char[] buffer, int length) =>
        Fold(new ArrayChars(buffer, length), buffer);

    // Writing never overtakes reading (each character read yields at most one written), so the input
    // and output may be one buffer.
    private static int Fold<T>(T text, char[] output)
        where T : struct, IChars
    {
        int n = 0;
        bool lastWasSpace = true;
        for (int i = 0; i < text.Length && n < output.Length; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace)
                {
                    output[n++] = ' ';
                    lastWasSpace = true;
                }

                continue;
            }

            if (IsInvisible(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (n + 1 >= output.Length)
                {
                    break;
                }

                output[n++] = c;
                output[n++] = text[++i];
            }
            else
            {
                output[n++] = char.IsSurrogate(c) ? '\uFFFD' : c;
            }

            lastWasSpace = false;
        }

        while (n > 0 && output[n - 1] == ' ')
        {
            n--;
        }

        return n;
    }

    /// <summary>Bidi controls (U+061C, U+200E/F, U+202A–202E, U+2066–2069), zero-width characters and the BOM.</summary>
    private static bool IsInvisible(char c) =>
        c is '\u061C' or '\u180E' or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E')
            or (>= '\u2060' and <= '\u2069') or '\uFEFF';

    private interface IChars
    {
        int Length { get; }

        char this[int index] { get; }
    }

    private readonly struct StringChars : IChars
    {
        private readonly string _text;

        public StringChars(string text) => _text = text;

        public int Length => _text.Length;

        public char this[int index] => _text[index];
    }

    private readonly struct ArrayChars : IChars
    {
        private readonly char[] _chars;

        public ArrayChars(char[] chars, int length)
        {
            _chars = chars;
            Length = length;
        }

        public int Length { get; }

        public char this[int index] => _chars[index];
    }
}
