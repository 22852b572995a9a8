using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PromoOnly;

/// <summary>
/// One slot of the file naming: the chosen field and modifier by name, and the choices the server
/// offers for this slot. <see cref="Field"/>, <see cref="Modifier"/> and <see cref="AllCaps"/> may be
/// changed; an empty field or modifier means none. Binds by property name to Set-PromoFileNaming.
/// </summary>
public sealed class FileNamingSlot
{
    private readonly IReadOnlyDictionary<int, string> _fields;
    private readonly IReadOnlyDictionary<int, string> _modifiers;

    internal FileNamingSlot(int slot, IReadOnlyDictionary<int, string> fields, IReadOnlyDictionary<int, string> modifiers)
    {
        Slot = slot;
        _fields = fields;
        _modifiers = modifiers;
    }

    /// <summary>1 to 5.</summary>
    public int Slot { get; }

    /// <summary>The field in this slot, for example "Artist"; empty for none.</summary>
    public string Field { get; set; } = string.Empty;

    /// <summary>What follows or wraps the field, for example "-" or "( )"; empty for none.</summary>
    public string Modifier { get; set; } = string.Empty;

    /// <summary>Whether this part of the name is written in capitals.</summary>
    public bool AllCaps { get; set; }

    /// <summary>The fields the server offers for this slot.</summary>
    public string[] FieldChoices => _fields.OrderBy(c => c.Key).Select(c => c.Value).ToArray();

    /// <summary>The modifiers the server offers for this slot.</summary>
    public string[] ModifierChoices => _modifiers.OrderBy(c => c.Key).Select(c => c.Value).ToArray();

    /// <summary>The server's index of <see cref="Field"/> (0 for none); empty when the name is not one of the choices.</summary>
    public int? FieldIndex => IndexOf(Field, _fields);

    /// <summary>The server's index of <see cref="Modifier"/> (0 for none); empty when it is not one of the choices.</summary>
    public int? ModifierIndex => IndexOf(Modifier, _modifiers);

    public override string ToString()
    {
        string field = AllCaps ? Field.ToUpperInvariant() : Field;
        return Modifier.Trim().Length == 0 ? field : $"{field} {Modifier.Trim()}";
    }

    /// <summary>A name (case and surrounding spaces ignored), or the index itself as digits; "" and "None" are 0.</summary>
    internal static int? IndexOf(string? name, IReadOnlyDictionary<int, string> choices)
    {
        string wanted = (name ?? string.Empty).Trim();
        if (wanted.Length == 0 || wanted.Equals("None", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        foreach (KeyValuePair<int, string> choice in choices)
        {
            if (choice.Value.Trim().Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                return choice.Key;
            }
        }

        return int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && (index == 0 || choices.ContainsKey(index))
            ? index
            : null;
    }
}
