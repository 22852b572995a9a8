using System;
using System.Linq;

namespace PromoOnly;

/// <summary>
/// How the POOL names downloaded files (<c>/user/filenaming</c>): five slots, each a field (Artist,
/// Title, …), a modifier that follows or wraps it, and whether it is in capitals. Change a slot's
/// Field, Modifier or AllCaps and pipe the object to Set-PromoFileNaming.
/// </summary>
public sealed class FileNaming
{
    public const int SlotCount = 5;

    internal FileNaming(FileNamingSlot[] slots)
    {
        Slots = slots;
    }

    /// <summary>Slots 1 to 5, in order.</summary>
    public FileNamingSlot[] Slots { get; }

    public override string ToString() =>
        string.Join(" ", Slots.Where(s => s.Field.Length > 0).Select(s => s.ToString()));
}
