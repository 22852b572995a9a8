using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PromoOnly.Client;

/// <summary>
/// The parts of RFC 8259 that Newtonsoft relaxes and its tokens do not show, checked in one flat
/// pass over the characters, before Newtonsoft reads the structure. Outside strings: only JSON's
/// four whitespace characters and its punctuation, and words that are <c>true</c>, <c>false</c>,
/// <c>null</c> or an RFC 8259 number (so no NaN, <c>01</c>, <c>1.</c>, <c>0x1F</c>, comments or
/// single quotes); a property name in double quotes after <c>{</c> and after a comma in an
/// object; a value after a comma in an array; nothing after the document; at most the given
/// nesting. Inside strings: no raw control characters and only JSON's escapes. Which bracket
/// closes which, and where colons go, is left to Newtonsoft.
/// </summary>
internal static class JsonLexicalCheck
{
    private static readonly Regex Number = new(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The text to hand to Newtonsoft, or null with <paramref name="problem"/> saying where it breaks.
    /// A number no double holds (1e400) becomes <c>null</c>, one unreadable field, on every runtime:
    /// .NET reads it as infinity, .NET Framework fails the whole document.
    /// </summary>
    public static string? Check(string text, int maxDepth, out string problem)
    {
        var objects = new Stack<bool>();
        var unreadable = new List<(int Start, int Length)>();
        char previous = '\0';
        bool done = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                continue;
            }

            problem = done ? $"unexpected text after the JSON value at character {i + 1}" : Placement(previous, c, objects, i) ?? string.Empty;
            if (problem.Length > 0)
            {
                return null;
            }

            switch (c)
            {
                case '{' or '[':
                    objects.Push(c == '{');
                    if (objects.Count > maxDepth)
                    {
                        problem = $"it nests deeper than {maxDepth} levels";
                        return null;
                    }

                    break;
                case '}' or ']':
                    if (objects.Count == 0)
                    {
                        problem = $"'{c}' at character {i + 1} closes nothing";
                        return null;
                    }

                    objects.Pop();
                    break;
                case ',' or ':':
                    break;
                case '"':
                    i = EndOfString(text, i, out problem);
                    if (problem.Length > 0)
                    {
                        return null;
                    }

                    break;
                default:
                    int end = i;
                    while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '+' or '-' or '.'))
                    {
                        end++;
                    }

                    if (end == i)
                    {
                        problem = c is '\'' or '/'
                            ? $"{(c == '/' ? "a comment" : "a single quote")} at character {i + 1}; JSON has neither (strings and property names take double quotes)"
                            : $"an unexpected character (U+{(int)c:X4}) at character {i + 1}";
                        return null;
                    }

                    string word = text.Substring(i, end - i);
                    bool literal = word is "true" or "false" or "null";
                    if (!literal && !Number.IsMatch(word))
                    {
                        problem = $"'{(word.Length > 20 ? word.Substring(0, 20) + "…" : word)}' at character {i + 1} is not a JSON value (a number has digits after '.' and in the exponent, and no leading zero)";
                        return null;
                    }

                    if (!literal && !Fits(word))
                    {
                        unreadable.Add((i, word.Length));
                    }

                    i = end - 1;
                    break;
            }

            previous = c is '"' or '}' or ']' || char.IsLetterOrDigit(c) || c == '-' ? 'v' : c;
            done = objects.Count == 0 && previous == 'v';
        }

        problem = previous == '\0' ? "the answer is empty" : objects.Count > 0 ? "it ends before every bracket is closed" : string.Empty;
        return problem.Length > 0 ? null : WithoutUnreadable(text, unreadable);
    }

    /// <summary>What may come after <paramref name="previous"/>: a quoted name in an object, a value after a comma in an array.</summary>
    private static string? Placement(char previous, char c, Stack<bool> objects, int at)
    {
        bool inObject = objects.Count > 0 && objects.Peek();
        if ((previous == '{' && c != '}' && c != '"') || (previous == ',' && inObject && c != '"'))
        {
            return $"a property name in double quotes was expected at character {at + 1}";
        }

        if ((previous == '[' && c == ',') || (previous == ',' && !inObject && c is ',' or ']' or '}'))
        {
            return $"a value was expected at character {at + 1}";
        }

        return null;
    }

    /// <summary>The index of the closing quote of the string that opens at <paramref name="start"/>.</summary>
    private static int EndOfString(string text, int start, out string problem)
    {
        problem = string.Empty;
        for (int i = start + 1; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"')
            {
                return i;
            }

            if (c < ' ')
            {
                problem = $"a string holds a raw control character at character {i + 1}";
                return i;
            }

            if (c == '\\')
            {
                char escape = i + 1 < text.Length ? text[++i] : '\0';
                bool known = escape is '"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't'
                    || (escape == 'u' && i + 4 < text.Length && IsHex(text, i + 1, 4));
                if (!known)
                {
                    problem = escape == '\0' ? "it ends inside a string" : $"a string has an unknown escape at character {i}";
                    return i;
                }

                i += escape == 'u' ? 4 : 0;
            }
        }

        problem = "it ends inside a string";
        return text.Length;
    }

    private static bool IsHex(string text, int start, int count)
    {
        for (int i = start; i < start + count; i++)
        {
            if (!Uri.IsHexDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    // Past double's range (about 1.8e308) .NET Framework refuses the number and .NET reads infinity.
    private static bool Fits(string number) =>
        double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && !double.IsInfinity(value);

    /// <summary>Each unreadable number replaced by <c>null</c> padded to its length, so positions in later messages still hold.</summary>
    private static string WithoutUnreadable(string text, List<(int Start, int Length)> unreadable)
    {
        if (unreadable.Count == 0)
        {
            return text;
        }

        var readable = new StringBuilder(text);
        foreach ((int start, int length) in unreadable)
        {
            readable.Remove(start, length).Insert(start, "null".PadRight(length));
        }

        return readable.ToString();
    }
}
