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

    /// <summary>Of those, the ones that carried a media request (GET /pool/v5/download/…) over plain http.</summary>
    [JsonPropertyName("silentMediaRequests")]
    public long SilentMediaRequests { get; init; }

    /// <summary>Of those, the ones that began with a TLS hello (a client trying https:// first).</summary>
    [JsonPropertyName("silentTlsHellos")]
    public long SilentTlsHellos { get; init; }

    /// <summary>GET /download/queue/{id} calls.</summary>
    [JsonPropertyName("queue")]
    public long Queue { get; init; }

    /// <summary>POST /download/success calls, accepted or not.</summary>
    [JsonPropertyName("success")]
    public long Success { get; init; }

    /// <summary>Success signals the API accepted (GET /_emulator/downloads lists them).</summary>
    [JsonPropertyName("downloadsAcknowledged")]
    public long DownloadsAcknowledged { get; init; }

    /// <summary>Media file requests the media hosts received.</summary>
    [JsonPropertyName("mediaRequests")]
    public long MediaRequests { get; init; }

    /// <summary>The most media requests that were in flight at the same moment.</summary>
    [JsonPropertyName("mediaMaxConcurrent")]
    public long MediaMaxConcurrent { get; init; }

    /// <summary>TLS hellos that reached the plain-HTTP media hosts: how often a client tried https:// there first.</summary>
    [JsonPropertyName("mediaTlsHellos")]
    public long MediaTlsHellos { get; init; }

    /// <summary>Media bytes sent.</summary>
    [JsonPropertyName("mediaBytes")]
    public long MediaBytes { get; init; }

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

    /// <summary>GET /genres/{genre}/{date} calls.</summary>
    [JsonPropertyName("genres")]
    public long Genres { get; init; }

    /// <summary>Pages of GET /specialty/{page}.</summary>
    [JsonPropertyName("specialtyPages")]
    public long SpecialtyPages { get; init; }

    /// <summary>GET /specialty/tracks/{year} calls.</summary>
    [JsonPropertyName("specialtyYears")]
    public long SpecialtyYears { get; init; }

    /// <summary>Pages of GET /specialty/decade/{year}/{page}.</summary>
    [JsonPropertyName("decadePages")]
    public long DecadePages { get; init; }

    /// <summary>GET /rsearch/{text} calls.</summary>
    [JsonPropertyName("rsearch")]
    public long ReleaseSearch { get; init; }

    /// <summary>GET /user/charts calls.</summary>
    [JsonPropertyName("charts")]
    public long Charts { get; init; }

    /// <summary>GET /user/formats calls.</summary>
    [JsonPropertyName("releaseFormats")]
    public long ReleaseFormats { get; init; }

    /// <summary>POST /user/save/format_filters calls.</summary>
    [JsonPropertyName("formatFilters")]
    public long FormatFilters { get; init; }

    /// <summary>GET /user/options calls.</summary>
    [JsonPropertyName("options")]
    public long Options { get; init; }

    /// <summary>GET /user/filenaming calls.</summary>
    [JsonPropertyName("fileNaming")]
    public long FileNaming { get; init; }

    /// <summary>POST /user/save/filenaming calls.</summary>
    [JsonPropertyName("fileNamingSaves")]
    public long FileNamingSaves { get; init; }

    /// <summary>GET /download/remove/{id} calls.</summary>
    [JsonPropertyName("queueRemovals")]
    public long QueueRemovals { get; init; }

    /// <summary>POST /download/redownload_request calls.</summary>
    [JsonPropertyName("redownloads")]
    public long Redownloads { get; init; }

    /// <summary>GET /user/sync calls.</summary>
    [JsonPropertyName("sync")]
    public long Sync { get; init; }

    /// <summary>POST /account/pool_userid calls.</summary>
    [JsonPropertyName("poolUserId")]
    public long PoolUserId { get; init; }

    /// <summary>Pages of GET /tracktrends/sessions/{page}.</summary>
    [JsonPropertyName("sessionPages")]
    public long SessionPages { get; init; }

    /// <summary>GET /tracktrends/session/{id} calls.</summary>
    [JsonPropertyName("sessions")]
    public long Sessions { get; init; }
}
