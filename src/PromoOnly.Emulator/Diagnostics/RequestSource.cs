namespace PromoOnly.Emulator.Diagnostics;

/// <summary>Which listener a request arrived on: the POOL API, or a named mirror.</summary>
/// <param name="Mirror">The mirror's name, or null for the API.</param>
internal sealed record RequestSource(string? Mirror)
{
    public static RequestSource Api { get; } = new((string?)null);
}
