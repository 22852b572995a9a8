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

    /// <summary>Catalogue calls (contract section 6): pages of /releases/date and /download/history count one each.</summary>
    [JsonPropertyName("releasePages")]
    public long ReleasePages { get; init; }

    [JsonPropertyName("release")]
    public long Release { get; init; }

    [JsonPropertyName("versions")]
    public long Versions { get; init; }

    [JsonPropertyName("search")]
    public long Search { get; init; }

    [JsonPropertyName("qsearch")]
    public long QuickSearch { get; init; }

    [JsonPropertyName("historyPages")]
    public long HistoryPages { get; init; }

    [JsonPropertyName("fileFormats")]
    public long FileFormats { get; init; }
}
