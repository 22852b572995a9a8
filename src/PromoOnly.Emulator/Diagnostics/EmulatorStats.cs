using System.Text.Json.Serialization;

namespace PromoOnly.Emulator.Diagnostics;

/// <summary>Calls to each POOL API endpoint since start-up or the last reset.</summary>
public sealed record EmulatorStats(
    [property: JsonPropertyName("authenticate")] long Authenticate,
    [property: JsonPropertyName("validate")] long Validate,
    [property: JsonPropertyName("signin")] long Signin,
    [property: JsonPropertyName("servers")] long Servers)
{
    /// <summary>Server-list requests failed on purpose by --fault-rate (fault tracks are not counted).</summary>
    [JsonPropertyName("injected")]
    public long Injected { get; init; }

    /// <summary>The most POOL API requests that were ever in flight at once (control endpoints excluded).</summary>
    [JsonPropertyName("maxConcurrent")]
    public long MaxConcurrent { get; init; }

    /// <summary>Connections the --silent-mirrors ports accepted (and never answered).</summary>
    [JsonPropertyName("silentConnections")]
    public long SilentConnections { get; init; }
}
