using System.Globalization;

namespace PromoOnly.Emulator.Catalogue;

/// <summary>One account's file naming: per slot, the selected field, modifier and capitals flag.</summary>
internal sealed record FileNamingState(int[] Fields, int[] Modifiers, int[] Caps)
{
    /// <summary>Artist -, Title, Mix ( ), nothing, nothing.</summary>
    public static FileNamingState Default => new([2, 1, 3, 0, 0], [1, 0, 3, 0, 0], [0, 0, 0, 0, 0]);

    /// <summary>GET /user/filenaming (and the "filenaming" group of /user/options), with a caps flag per slot.</summary>
    public Dictionary<string, object?> Json()
    {
        var json = new Dictionary<string, object?>();
        for (int slot = 1; slot <= FileNamingChoices.Slots; slot++)
        {
            string key = "file_name_" + slot.ToString("00", CultureInfo.InvariantCulture);
            json[key] = FileNamingChoices.Group(FileNamingChoices.Fields, Fields[slot - 1]);
            json[key + "_modifier"] = FileNamingChoices.Group(FileNamingChoices.ModifiersOf(slot), Modifiers[slot - 1]);
            json[key + "_caps"] = Caps[slot - 1];
        }

        return json;
    }

    /// <summary>
    /// The save form: fn1..fn5, fn1_mod..fn5_mod and fn1_caps..fn5_caps, each present and in range for
    /// its slot. Null and the first bad field's name when anything is missing or out of range.
    /// </summary>
    public static FileNamingState? FromForm(IFormCollection form, out string problem)
    {
        var state = new FileNamingState(new int[5], new int[5], new int[5]);
        for (int slot = 1; slot <= FileNamingChoices.Slots; slot++)
        {
            string n = slot.ToString(CultureInfo.InvariantCulture);
            if (!TryRead(form, "fn" + n, FileNamingChoices.Fields.Count, out state.Fields[slot - 1], out problem)
                || !TryRead(form, $"fn{n}_mod", FileNamingChoices.ModifiersOf(slot).Count, out state.Modifiers[slot - 1], out problem)
                || !TryRead(form, $"fn{n}_caps", 1, out state.Caps[slot - 1], out problem))
            {
                return null;
            }
        }

        problem = string.Empty;
        return state;
    }

    private static bool TryRead(IFormCollection form, string name, int max, out int value, out string problem)
    {
        string text = form[name].ToString();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max)
        {
            problem = string.Empty;
            return true;
        }

        problem = text.Length == 0 ? $"{name} is missing" : $"{name}={text} is not a choice";
        return false;
    }
}
