namespace PromoOnly.Emulator.Faults;

/// <summary>
/// SplitMix64 over a few numbers. string.GetHashCode and HashCode are randomised per process,
/// so they cannot make a fault pattern that a test can reproduce from one run to the next.
/// </summary>
internal static class StableHash
{
    /// <summary>A number in [0, 1) that depends only on the three inputs.</summary>
    public static double Unit(int seed, int trackId, long requestNumber)
    {
        var hash = Mix(Mix(Mix((uint)seed) ^ (uint)trackId) ^ (ulong)requestNumber);

        // The top 53 bits fill a double's mantissa exactly, so every value is equally likely.
        return (hash >> 11) * (1.0 / (1UL << 53));
    }

    // The SplitMix64 step: add the golden-ratio increment, then the standard finaliser.
    private static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
