namespace PromoOnly.Emulator.Mirrors;

/// <summary>
/// A download mirror to run next to the API, on its own loopback port, so a client's latency
/// ranking can be tested against hosts that really are slower or unreachable.
/// </summary>
/// <param name="Name">Lowercase letters, digits and '-'; shown in the request log and /_emulator/mirrors.</param>
/// <param name="DelayMs">How long a live mirror waits before answering.</param>
/// <param name="Dead">A dead mirror has a port but refuses every connection.</param>
public sealed record MirrorSpec(string Name, int DelayMs = 0, bool Dead = false)
{
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>Throws <see cref="ArgumentException"/> if the name or delay is invalid.</summary>
    public void Validate()
    {
        if (!IsValidName(Name))
        {
            throw new ArgumentException($"Mirror name '{Name}' must be lowercase letters, digits and '-'.", nameof(Name));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(DelayMs, nameof(DelayMs));
    }
}
