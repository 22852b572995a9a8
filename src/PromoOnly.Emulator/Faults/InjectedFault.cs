namespace PromoOnly.Emulator.Faults;

/// <summary>
/// The transient failures --fault-rate scatters over ordinary tracks: the answers a retrying
/// client should retry (or at least survive), each equally likely.
/// </summary>
internal enum InjectedFault
{
    /// <summary>429 with Retry-After from --fault-retry-after.</summary>
    TooManyRequests,

    /// <summary>500 with a JSON result message.</summary>
    InternalServerError,

    /// <summary>502 with an HTML body, as a fronting proxy would send.</summary>
    BadGateway,

    /// <summary>503 with a JSON result message.</summary>
    ServiceUnavailable,

    /// <summary>The connection is dropped before any response is written.</summary>
    Disconnect,
}
