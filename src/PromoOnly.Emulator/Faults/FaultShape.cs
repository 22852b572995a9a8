namespace PromoOnly.Emulator.Faults;

/// <summary>
/// Ways a POOL server answer can go wrong. The client must survive every one of these,
/// so each names a concrete misbehaviour rather than an abstract error class.
/// </summary>
public enum FaultShape
{
    /// <summary>200 text/html maintenance page instead of JSON.</summary>
    Html,

    /// <summary>200 JSON object (a "result" message) where an array is expected.</summary>
    Object,

    /// <summary>200 application/json cut off mid-document.</summary>
    Truncated,

    /// <summary>200 application/json with a zero-length body.</summary>
    Empty,

    /// <summary>200 array whose host is a number and id a string.</summary>
    WrongTypes,

    /// <summary>200 array with host names that are URLs, user-info, paths or contain spaces.</summary>
    BadHost,

    /// <summary>500 with a JSON result message.</summary>
    Error500,

    /// <summary>302 to the same server under a different host name (localhost).</summary>
    Redirect,

    /// <summary>502 with an HTML body, as a fronting proxy would send.</summary>
    BadGateway,

    /// <summary>200 array of valid entries just over 2 MiB long.</summary>
    Huge,

    /// <summary>No answer at all: the request waits until the client gives up.</summary>
    Hang,

    /// <summary>429 (Retry-After: 1) for the track's first two requests, then a normal 200.</summary>
    ThrottleTwice,

    /// <summary>503 with a JSON result message and no Retry-After, every time.</summary>
    Always503,

    /// <summary>429 with Retry-After: 3600, every time.</summary>
    RetryAfterHuge,

    /// <summary>503 with Retry-After as an HTTP-date one second ahead for the first request, then a normal 200.</summary>
    RetryAfterDate,

    /// <summary>500 whose result message echoes the caller's token between terminal escapes, a bidi override and zero-width characters.</summary>
    EchoSecret,

    /// <summary>200, the documented list as UTF-8 with a byte-order mark.</summary>
    Bom,

    /// <summary>200 array whose entry names "host" twice (a first, evil value, then a valid one).</summary>
    DuplicateKeys,
}
