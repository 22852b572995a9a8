using System.Collections.Generic;

namespace PromoOnly.Catalogue;

/// <summary>The objects mapped from one answer, and how many entries were unusable (no id, not an object).</summary>
internal sealed class Mapped<T>
{
    public Mapped(IReadOnlyList<T> items, int skipped)
    {
        Items = items;
        Skipped = skipped;
    }

    public IReadOnlyList<T> Items { get; }

    public int Skipped { get; }
}
