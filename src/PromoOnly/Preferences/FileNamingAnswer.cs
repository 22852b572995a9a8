using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;
using PromoOnly.Catalogue;
using PromoOnly.Client;
using static PromoOnly.Catalogue.LenientJson;

namespace PromoOnly.Preferences;

/// <summary>
/// Reads <c>/user/filenaming</c> (also the "filenaming" group of <c>/user/options</c>):
/// <c>file_name_01</c>…<c>file_name_05</c>, each <c>{"0": null, "1": "Title", …, "selected": 2}</c>,
/// with <c>file_name_0N_modifier</c> shaped alike and an optional <c>file_name_0N_caps</c> (a 0/1, or
/// an object with "selected"). Builds the save form <c>fn1</c>…<c>fn5</c>, <c>fn1_mod</c>…<c>fn5_mod</c>,
/// <c>fn1_caps</c>…<c>fn5_caps</c> in the contract's order.
/// </summary>
internal static class FileNamingAnswer
{
    private const int MaxChoices = 100;

    public static FileNaming Read(JToken document, string subject) =>
        document is JObject answer && TryRead(answer) is { } naming
            ? naming
            : throw CatalogueAnswers.Mismatch(document, subject, "the file naming options");

    /// <summary>Null when none of the five slots is there.</summary>
    public static FileNaming? TryRead(JObject answer)
    {
        if (!Enumerable.Range(1, FileNaming.SlotCount).Any(n => answer[SlotKey(n)] is JObject))
        {
            return null;
        }

        var slots = new FileNamingSlot[FileNaming.SlotCount];
        for (int n = 1; n <= FileNaming.SlotCount; n++)
        {
            (SortedDictionary<int, string> fields, string field) = Choices(answer[SlotKey(n)] as JObject);
            (SortedDictionary<int, string> modifiers, string modifier) = Choices(answer[SlotKey(n) + "_modifier"] as JObject);
            slots[n - 1] = new FileNamingSlot(n, fields, modifiers)
            {
                Field = field,
                Modifier = modifier,
                AllCaps = Caps(answer[SlotKey(n) + "_caps"]),
            };
        }

        return new FileNaming(slots);
    }

    /// <summary>Null when every slot's field and modifier is one of its choices, else what is wrong (to show the user).</summary>
    public static string? Problem(FileNaming naming)
    {
        foreach (FileNamingSlot slot in naming.Slots)
        {
            if (slot.FieldIndex is null)
            {
                return $"Slot {slot.Slot} has no field '{slot.Field}'; the POOL offers {List(slot.FieldChoices)}.";
            }

            if (slot.ModifierIndex is null)
            {
                return $"Slot {slot.Slot} has no modifier '{slot.Modifier}'; the POOL offers {List(slot.ModifierChoices)}.";
            }
        }

        return null;
    }

    /// <summary>The save form; call <see cref="Problem"/> first.</summary>
    public static FormBody Form(FileNaming naming)
    {
        var form = new FormBody();
        foreach (FileNamingSlot slot in naming.Slots)
        {
            form.Add($"fn{Number(slot.Slot)}", Number(slot.FieldIndex ?? 0));
        }

        foreach (FileNamingSlot slot in naming.Slots)
        {
            form.Add($"fn{Number(slot.Slot)}_mod", Number(slot.ModifierIndex ?? 0));
        }

        foreach (FileNamingSlot slot in naming.Slots)
        {
            form.Add($"fn{Number(slot.Slot)}_caps", slot.AllCaps ? "1" : "0");
        }

        return form;
    }

    private static string SlotKey(int slot) => "file_name_" + slot.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>
    /// The named choices (the null "0" entry is the empty choice) and the selected one's name. A
    /// selected index the server did not name is kept as its digits, so saving unchanged sends it back.
    /// </summary>
    private static (SortedDictionary<int, string> Choices, string Selected) Choices(JObject? group)
    {
        var choices = new SortedDictionary<int, string>();
        if (group is null)
        {
            return (choices, string.Empty);
        }

        foreach (JProperty choice in group.Properties())
        {
            if (choices.Count < MaxChoices
                && int.TryParse(choice.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index > 0
                && choice.Value is JValue { Type: JTokenType.String })
            {
                choices[index] = Text(group, choice.Name);
            }
        }

        long? selected = Long(group, "selected");
        if (selected is not { } chosen || chosen <= 0 || chosen > int.MaxValue)
        {
            return (choices, string.Empty);
        }

        if (!choices.TryGetValue((int)chosen, out string? name))
        {
            name = Number((int)chosen);
            choices[(int)chosen] = name;
        }

        return (choices, name);
    }

    private static bool Caps(JToken? caps) => caps switch
    {
        JObject group => Flag(group, "selected") ?? false,
        JValue value => Flag(new JObject { ["caps"] = value.DeepClone() }, "caps") ?? false,
        _ => false,
    };

    private static string List(string[] choices) => choices.Length == 0 ? "no choices" : string.Join(", ", choices.Select(c => $"'{c}'"));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
