namespace PromoOnly.Emulator.Faults;

/// <summary>Command-line spelling of <see cref="FaultShape"/>: the enum name, case-insensitive.</summary>
internal static class FaultShapeNames
{
    public static string ValidNames { get; } =
        string.Join(", ", Enum.GetNames<FaultShape>().Select(name => name.ToLowerInvariant()));

    // Enum.TryParse would also accept numbers ("3") and flag lists ("Html,Empty"); match names only.
    public static bool TryParse(string text, out FaultShape shape)
    {
        foreach (var candidate in Enum.GetValues<FaultShape>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                shape = candidate;
                return true;
            }
        }

        shape = default;
        return false;
    }
}
