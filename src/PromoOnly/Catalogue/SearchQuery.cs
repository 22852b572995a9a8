using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PromoOnly.Client;

namespace PromoOnly.Catalogue;

/// <summary>
/// The <c>/search/{QUERY}</c> path segment: <c>field:value</c> terms joined by <c>+</c>, a space
/// inside a value also <c>+</c>. Because <c>+</c> and <c>:</c> carry meaning there, every other
/// character outside letters, digits and <c>-._~</c> is percent-encoded as UTF-8, so a value can
/// never end its term early or start another field ("a+b" is a%2Bb, "AC/DC" is AC%2FDC).
/// </summary>
internal sealed class SearchQuery
{
    private readonly List<(string Field, string Value)> _terms = new();

    public SearchQuery(string? artist = null, string? title = null, string? mix = null, string? genre = null, int? bpmMin = null, int? bpmMax = null)
    {
        Add("artist", artist);
        Add("track", title);
        Add("mix", mix);
        Add("genre", genre);
        if (bpmMin is { } min)
        {
            int max = bpmMax ?? min;
            if (min < 0 || max < min)
            {
                throw new ArgumentException($"A BPM range needs 0 <= minimum <= maximum; got {min},{max}.");
            }

            // The comma is the contract's own separator, so it is written literally.
            _terms.Add(("bpm", min.ToString(CultureInfo.InvariantCulture) + "," + max.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The fields and raw values, as the server should understand them.</summary>
    public IReadOnlyList<(string Field, string Value)> Terms => _terms;

    public bool IsEmpty => _terms.Count == 0;

    public string ToPath()
    {
        var path = new StringBuilder();
        foreach ((string field, string value) in _terms)
        {
            if (path.Length > 0)
            {
                path.Append('+');
            }

            path.Append(field).Append(':').Append(field == "bpm" ? value : PathSegment.EscapeText(value));
        }

        return path.ToString();
    }

    public override string ToString() =>
        string.Join(" ", _terms.ConvertAll(t => $"{t.Field}:{t.Value}"));

    private void Add(string field, string? value)
    {
        string trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length > 0)
        {
            _terms.Add((field, trimmed));
        }
    }
}
