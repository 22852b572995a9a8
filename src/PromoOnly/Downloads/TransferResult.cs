using System;

namespace PromoOnly.Downloads;

/// <summary>The result of one media request: its status, why, and what the response said about the file.</summary>
/// <param name="Status">How the request ended.</param>
/// <param name="Reason">Why, in words for a message.</param>
/// <param name="Resumed">The server continued the earlier bytes (206 with a matching Content-Range).</param>
/// <param name="FileName">The Content-Disposition file name, unsanitised, if the server sent one.</param>
/// <param name="ContentType">The Content-Type the server declared, if any.</param>
internal sealed record TransferResult(TransferStatus Status, string Reason, bool Resumed = false, string? FileName = null, string? ContentType = null)
{
    /// <summary>The host's https certificate failed validation: it offers https, and is not to be used over http instead.</summary>
    public bool Untrusted { get; init; }

    /// <summary>Refused only because it does not offer https and -RequireHttps was given.</summary>
    public bool HttpsRequired { get; init; }

    /// <summary>Set when the mirror throttled (429/503): how long it asked everyone to wait, or a default.</summary>
    public TimeSpan? Throttle { get; init; }
}
