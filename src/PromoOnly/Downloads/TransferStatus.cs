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
