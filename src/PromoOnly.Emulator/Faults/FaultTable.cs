namespace PromoOnly.Emulator.Faults;

/// <summary>
/// Which tracks misbehave, and how. Built once at start-up and never mutated afterwards,
/// so concurrent lookups need no locking.
/// </summary>
internal sealed class FaultTable
{
    /// <summary>Always present so tests and script authors can reach every shape without options.</summary>
    public static IReadOnlyDictionary<int, FaultShape> Seeded { get; } = new Dictionary<int, FaultShape>
    {
        [900001] = FaultShape.Html,
        [900002] = FaultShape.Object,
        [900003] = FaultShape.Truncated,
        [900004] = FaultShape.Empty,
        [900005] = FaultShape.WrongTypes,
        [900006] = FaultShape.BadHost,
        [900007] = FaultShape.Error500,
        [900008] = FaultShape.Redirect,
        [900009] = FaultShape.BadGateway,
        [900010] = FaultShape.Huge,
        [900011] = FaultShape.Hang,
        [900012] = FaultShape.ThrottleTwice,
        [900013] = FaultShape.Always503,
        [900014] = FaultShape.RetryAfterHuge,
        [900015] = FaultShape.RetryAfterDate,
        [900101] = FaultShape.EchoSecret,
        [900102] = FaultShape.Bom,
        [900103] = FaultShape.DuplicateKeys,
    };

    private readonly Dictionary<int, FaultShape> shapes;

    public FaultTable(IEnumerable<KeyValuePair<int, FaultShape>> overrides)
    {
        shapes = new Dictionary<int, FaultShape>(Seeded);
        foreach (var (trackId, shape) in overrides)
        {
            shapes[trackId] = shape;
        }
    }

    public bool TryGet(int trackId, out FaultShape shape) => shapes.TryGetValue(trackId, out shape);
}
