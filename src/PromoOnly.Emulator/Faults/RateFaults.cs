namespace PromoOnly.Emulator.Faults;

/// <summary>
/// Decides which requests --fault-rate fails. The decision depends only on (seed, track,
/// request number), never on timing or on other tracks, so a run is reproducible however
/// many requests a client has in flight.
/// </summary>
internal sealed class RateFaults(double rate, int seed, int retryAfterSeconds)
{
    private static readonly InjectedFault[] Kinds = Enum.GetValues<InjectedFault>();

    public bool Enabled => rate > 0;

    /// <summary>Seconds sent in Retry-After with an injected 429.</summary>
    public int RetryAfterSeconds => retryAfterSeconds;

    /// <summary>Whether request <paramref name="requestNumber"/> (1-based) of the track fails, and how.</summary>
    public bool TryPick(int trackId, long requestNumber, out InjectedFault fault)
    {
        var roll = StableHash.Unit(seed, trackId, requestNumber);
        if (roll >= rate)
        {
            fault = default;
            return false;
        }

        // Given roll < rate, roll / rate is uniform on [0, 1): the same roll picks the kind evenly.
        fault = Kinds[Math.Min((int)(roll / rate * Kinds.Length), Kinds.Length - 1)];
        return true;
    }
}
