using System;

namespace PromoOnly.Downloads;

/// <summary>How one media request ended.</summary>
internal enum TransferStatus
{
    /// <summary>The whole file is in the .partial file.</summary>
    Complete,

    /// <summary>The connection dropped mid-body: worth continuing from the current offset.</summary>
    Cut,

    /// <summary>This mirror cannot serve it now (refused, timed out, 5xx, redirected…): try the next.</summary>
    MirrorFailed,

    /// <summary>401/403/410: the media host refused the dl_token; a fresh one may work.</summary>
    TokenRefused,

    /// <summary>The answer is not the file (HTML, JSON, too many bytes): stop, it is an error message.</summary>
    Invalid,

    /// <summary>An https:// request met no TLS at all (refused, closed, silent, plain HTTP): the host does not offer https.</summary>
    HttpsUnavailable,
}

/// <summary>The result of one media request: its status, why, and what the response said about the file.</summary>
internal sealed class TransferResult
{
    public TransferResult(TransferStatus status, string reason, bool resumed = false, string? fileName = null, string? contentType = null)
    {
        Status = status;
        Reason = reason;
        Resumed = resumed;
        FileName = fileName;
        ContentType = contentType;
    }

    public TransferStatus Status { get; }

    public string Reason { get; }

    /// <summary>The server continued the earlier bytes (206 with a matching Content-Range).</summary>
    public bool Resumed { get; }

    /// <summary>The Content-Disposition file name, unsanitised, if the server sent one.</summary>
    public string? FileName { get; }

    public string? ContentType { get; }

    /// <summary>The host's https certificate failed validation: it offers https, and is not to be used over http instead.</summary>
    public bool Untrusted { get; init; }

    /// <summary>Refused only because it does not offer https and -RequireHttps was given.</summary>
    public bool HttpsRequired { get; init; }

    /// <summary>Set when the mirror throttled (429/503): how long it asked everyone to wait, or a default.</summary>
    public TimeSpan? Throttle { get; init; }
}
