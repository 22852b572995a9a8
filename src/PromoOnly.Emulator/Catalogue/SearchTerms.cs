using System.Globalization;
using System.Text.RegularExpressions;

namespace PromoOnly.Emulator.Catalogue;

/// <summary>
/// Reads the raw /search/{QUERY} segment the way the contract defines it: terms are field:value,
/// joined by "+"; a "+" inside a value is a space; everything else is percent-decoded UTF-8 only
/// after splitting, so an encoded %2B or %3A can never start a term. A piece without a known
/// field: prefix continues the previous value (or, first, becomes free text).
/// </summary>
internal sealed partial class SearchTerms
{
    public static readonly string[] Fields = ["artist", "track", "mix", "genre", "bpm"];

    public IReadOnlyDictionary<string, string> Values { get; private init; } = new Dictionary<string, string>();

    public static SearchTerms Parse(string rawSegment)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string current = "text";
        foreach (string piece in rawSegment.Split('+'))
        {
            Match term = TermStart().Match(piece);
            string raw = piece;
            if (term.Success)
            {
                current = term.Groups[1].Value.ToLowerInvariant();
                raw = piece[(term.Length)..];
            }

            if (!values.TryGetValue(current, out List<string>? words))
            {
                values[current] = words = [];
            }

            words.Add(Uri.UnescapeDataString(raw));
        }

        return new SearchTerms
        {
            Values = values.ToDictionary(v => v.Key, v => string.Join(' ', v.Value).Trim(), StringComparer.Ordinal),
        };
    }

    public bool Matches(CatalogueTrack track)
    {
        foreach ((string field, string value) in Values)
        {
            bool ok = field switch
            {
                "artist" => Contains(track.Song.Artist, value),
                "track" => Contains(track.Song.Title, value),
                "mix" => Contains(track.Mix, value),
                "genre" => Contains(track.Song.Genre, value),
                "bpm" => InRange(track.Song.Bpm, value),
                _ => Contains($"{track.Song.Artist} {track.Song.Title}", value),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);

    private static bool InRange(int bpm, string value)
    {
        string[] bounds = value.Split(',');
        return bounds.Length == 2
            && int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out int min)
            && int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out int max)
            && bpm >= min && bpm <= max;
    }

    [GeneratedRegex("^(artist|track|mix|genre|bpm):", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TermStart();
}
