using System.Text.Json.Serialization;

namespace PromoOnly.Emulator.Mirrors;

/// <summary>One entry of GET /_emulator/mirrors.</summary>
/// <param name="Host">host:port, exactly as tracks 950000..950999 list it.</param>
/// <param name="Requests">Requests the mirror received since start-up or the last stats reset (always 0 when dead).</param>
public sealed record MirrorStatus(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("delayMs")] int DelayMs,
    [property: JsonPropertyName("dead")] bool Dead,
    [property: JsonPropertyName("requests")] long Requests);
