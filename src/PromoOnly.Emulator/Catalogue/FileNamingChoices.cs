namespace PromoOnly.Emulator.Catalogue;

/// <summary>
/// The file naming choices of the contract: 14 fields and 4 modifiers per slot, except slot 5,
/// which the save documentation offers only "( )" (index 1). Index 0 (JSON null) is "none".
/// </summary>
internal static class FileNamingChoices
{
    public const int Slots = 5;

    public static IReadOnlyList<string> Fields { get; } =
    [
        "Title", "Artist", "Mix", "Duration", "BPM", "End", "Genre", "Label", "Release", "Order",
        "Date Sent", "Impact Date", "Content Warn", "Format",
    ];

    private static readonly string[] Modifiers = ["-", "_", "( )", "( ) - "];

    private static readonly string[] LastSlotModifiers = ["( )"];

    /// <summary>The modifiers slot <paramref name="slot"/> (1..5) offers, from index 1.</summary>
    public static IReadOnlyList<string> ModifiersOf(int slot) => slot == Slots ? LastSlotModifiers : Modifiers;

    /// <summary>{"0": null, "1": "…", …, "selected": n}, the documented shape of one slot's choices.</summary>
    public static Dictionary<string, object?> Group(IReadOnlyList<string> choices, int selected)
    {
        var group = new Dictionary<string, object?> { ["0"] = null };
        for (int i = 0; i < choices.Count; i++)
        {
            group[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = choices[i];
        }

        group["selected"] = selected;
        return group;
    }
}
