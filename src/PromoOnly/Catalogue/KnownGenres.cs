using System;
using System.Collections.Concurrent;
using System.Linq;

namespace PromoOnly.Catalogue;

/// <summary>
/// The genres this process has seen in catalogue answers, for tab completion of -Genre; before
/// any answer named one, the common POOL genres. The server chooses the names, so the set is
/// bounded (a hostile catalogue cannot grow it without end) and holds only cleaned text.
/// </summary>
internal static class KnownGenres
{
    public const int MaxSeen = 256;
    public const int MaxLength = 64;

    /// <summary>What Promo Only's pool files its music under, offered until answers name their own.</summary>
    public static readonly string[] Common =
    {
        "Alternative", "Christian", "Country", "Dance", "Drum & Bass", "EDM", "Hip Hop", "Holiday",
        "House", "Latin", "Pop", "R&B", "Rap", "Reggae", "Reggaeton", "Rock", "Urban",
    };

    private static readonly ConcurrentDictionary<string, string> Seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers <paramref name="genre"/> (already cleaned by the mapper) and returns it.</summary>
    public static string Note(string genre)
    {
        if (genre.Length is > 0 and <= MaxLength && Seen.Count < MaxSeen)
        {
            Seen.TryAdd(genre, genre);
        }

        return genre;
    }

    /// <summary>The genres seen so far, sorted; the common ones while none were seen.</summary>
    public static string[] Current()
    {
        string[] seen = Seen.Values.ToArray();
        return seen.Length == 0 ? Common : seen.OrderBy(g => g, StringComparer.OrdinalIgnoreCase).ToArray();
    }
}
