namespace PromoOnly.Emulator.Catalogue;

/// <summary>GET /user/formats: the release formats an account can filter by, as the documentation lists them (id 0 included).</summary>
internal static class ReleaseFormats
{
    public static IReadOnlyList<(int Id, string Name)> All { get; } =
    [
        (0, "All Promo Only Formats"),
        (1, "Hot Video"),
        (3, "Dance Mix Video"),
        (5, "Club Video"),
        (15, "Mainstream Radio"),
        (16, "Urban Radio"),
        (17, "Country Radio"),
        (19, "Mainstream Club"),
        (25, "Tropical Latin"),
    ];

    public static bool Exists(int id) => All.Any(f => f.Id == id);

    public static object[] Json() => All.Select(f => (object)new { format = f.Name, id = f.Id }).ToArray();
}
