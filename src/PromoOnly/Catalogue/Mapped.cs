using System.Collections.Generic;

namespace PromoOnly.Catalogue;

/// <summary>The objects mapped from one answer, and how many entries were unusable (no id, not an object).</summary>
internal sealed class Mapped<T>
{
    public Mapped(IReadOnlyList<T> items, int skipped, long? found = null)
    {
        Items = items;
        Skipped = skipped;
        Found = found;
    }

    public IReadOnlyList<T> Items { get; }

    public int Skipped { get; }

    /// <summary>How many entries the server says matched, where it says so (a search's results_found); it may return fewer.</summary>
    public long? Found { get; }
}
