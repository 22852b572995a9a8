using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PromoOnly.Client;

/// <summary>
/// Reads POOL API answers as RFC 8259 JSON and nothing looser. Newtonsoft on its own accepts single
/// quotes, unquoted keys, trailing commas, comments and NaN, and lets a later duplicate key win, so
/// <c>{"token":"invalid","token":"valid"}</c> would read as valid. A grammar check runs first; the
/// tree is then loaded with duplicate keys as an error.
/// </summary>
internal static class StrictJson
{
    public const int MaxDepth = 32;

    private static readonly JsonLoadSettings LoadSettings = new()
    {
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        CommentHandling = CommentHandling.Ignore,
        LineInfoHandling = LineInfoHandling.Ignore,
    };

    /// <summary>The document in <paramref name="text"/>, or null with <paramref name="problem"/> saying why it is not strict JSON.</summary>
    public static JToken? TryParse(string text, out string problem)
    {
        problem = new Grammar(text).Check() ?? string.Empty;
        if (problem.Length > 0)
        {
            return null;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                // Double, not decimal: 1e300 is past decimal's range, and one such number must leave only
                // its field empty (LenientJson treats non-finite and oversized values as absent).
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = MaxDepth,
            };
            return JToken.ReadFrom(reader, LoadSettings);
        }
        catch (JsonException ex) when (ex.Message.Contains("Property with the name"))
        {
            problem = "a property name appears twice in one object";
            return null;
        }
        catch (JsonException)
        {
            // Numbers beyond decimal's range, say; the reader's own text could echo the body at length.
            problem = "a value cannot be read";
            return null;
        }
    }

    /// <summary>The body as a JSON object, or null when it is not one (or not strict JSON at all).</summary>
    public static JObject? TryParseObject(string body) => TryParse(body, out _) as JObject;

    /// <summary>A top-level string property, or null when absent or of another type.</summary>
    public static string? StringOf(JObject obj, string name) =>
        obj[name] is JValue { Type: JTokenType.String } value ? (string?)value : null;

    /// <summary>A recursive-descent check of the RFC 8259 grammar; reports the first problem.</summary>
    private ref struct Grammar
    {
        private readonly string _text;
        private int _at;

        public Grammar(string text)
        {
            _text = text;
            _at = 0;
        }

        public string? Check()
        {
            SkipSpace();
            if (_at == _text.Length)
            {
                return "the answer is empty";
            }

            string? problem = Value(depth: 1);
            if (problem is not null)
            {
                return problem;
            }

            SkipSpace();
            return _at == _text.Length ? null : $"unexpected text after the JSON value at character {_at + 1}";
        }

        private string? Value(int depth)
        {
            if (depth > MaxDepth)
            {
                return $"it nests deeper than {MaxDepth} levels";
            }

            if (_at >= _text.Length)
            {
                return "it ends in the middle of a value";
            }

            char c = _text[_at];
            return c switch
            {
                '{' => Object(depth),
                '[' => Array(depth),
                '"' => String(),
                't' => Literal("true"),
                'f' => Literal("false"),
                'n' => Literal("null"),
                _ when c == '-' || (c >= '0' && c <= '9') => Number(),
                _ => Unexpected("a value"),
            };
        }

        private string? Object(int depth)
        {
            _at++;
            SkipSpace();
            if (Peek('}'))
            {
                _at++;
                return null;
            }

            while (true)
            {
                SkipSpace();
                if (!Peek('"'))
                {
                    return Unexpected("a property name in double quotes");
                }

                string? problem = String();
                SkipSpace();
                if (problem is not null || !Peek(':'))
                {
                    return problem ?? Unexpected("':'");
                }

                _at++;
                SkipSpace();
                if ((problem = Value(depth + 1)) is not null)
                {
                    return problem;
                }

                SkipSpace();
                if (Peek('}'))
                {
                    _at++;
                    return null;
                }

                if (!Peek(','))
                {
                    return Unexpected("',' or '}'");
                }

                _at++;
            }
        }

        private string? Array(int depth)
        {
            _at++;
            SkipSpace();
            if (Peek(']'))
            {
                _at++;
                return null;
            }

            while (true)
            {
                SkipSpace();
                string? problem = Value(depth + 1);
                if (problem is not null)
                {
                    return problem;
                }

                SkipSpace();
                if (Peek(']'))
                {
                    _at++;
                    return null;
                }

                if (!Peek(','))
                {
                    return Unexpected("',' or ']'");
                }

                _at++;
            }
        }

        private string? String()
        {
            _at++;
            while (_at < _text.Length)
            {
                char c = _text[_at++];
                if (c == '"')
                {
                    return null;
                }

                if (c < ' ')
                {
                    return $"a string holds a raw control character at character {_at}";
                }

                if (c == '\\')
                {
                    if (_at >= _text.Length)
                    {
                        break;
                    }

                    char escape = _text[_at++];
                    if (escape == 'u')
                    {
                        for (int i = 0; i < 4; i++, _at++)
                        {
                            if (_at >= _text.Length || !IsHex(_text[_at]))
                            {
                                return $"a string has a malformed \\u escape at character {_at}";
                            }
                        }
                    }
                    else if (escape is not ('"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't'))
                    {
                        return $"a string has an unknown escape at character {_at - 1}";
                    }
                }
            }

            return "it ends inside a string";
        }

        private string? Number()
        {
            if (Peek('-'))
            {
                _at++;
            }

            if (Peek('0'))
            {
                _at++;
            }
            else if (Digits() == 0)
            {
                return Unexpected("a digit");
            }

            if (Peek('.'))
            {
                _at++;
                if (Digits() == 0)
                {
                    return Unexpected("a digit after '.'");
                }
            }

            if (Peek('e') || Peek('E'))
            {
                _at++;
                if (Peek('+') || Peek('-'))
                {
                    _at++;
                }

                if (Digits() == 0)
                {
                    return Unexpected("a digit in the exponent");
                }
            }

            return null;
        }

        private string? Literal(string word)
        {
            if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0)
            {
                return Unexpected("a value");
            }

            _at += word.Length;
            return null;
        }

        private int Digits()
        {
            int start = _at;
            while (_at < _text.Length && _text[_at] >= '0' && _text[_at] <= '9')
            {
                _at++;
            }

            return _at - start;
        }

        private bool Peek(char c) => _at < _text.Length && _text[_at] == c;

        private void SkipSpace()
        {
            while (_at < _text.Length && _text[_at] is ' ' or '\t' or '\n' or '\r')
            {
                _at++;
            }
        }

        private string Unexpected(string expected) =>
            _at >= _text.Length ? $"it ends where {expected} was expected" : $"{expected} was expected at character {_at + 1}";

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
