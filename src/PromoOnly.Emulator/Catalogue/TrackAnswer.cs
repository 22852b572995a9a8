namespace PromoOnly.Emulator.Catalogue;

/// <summary>What the catalogue says about a track, before it is turned into HTTP.</summary>
internal sealed record TrackAnswer(int StatusCode, IReadOnlyList<MirrorServer> Servers, string? Message)
{
    public static TrackAnswer Found(IReadOnlyList<MirrorServer> servers) => new(200, servers, null);

    public static TrackAnswer NotFound(string trackId) => new(404, [], $"Track {trackId} not found.");

    public static TrackAnswer NotCovered(int trackId) =>
        new(403, [], $"Your subscription does not cover track {trackId}.");
}
