using System;

namespace PromoOnly.Client;

/// <summary>
/// A failed POOL API call. Messages are built only from the status, the request URL and the
/// server's own (capped) text, never from request headers, so they cannot carry a credential.
/// </summary>
internal sealed class PoolApiException : Exception
{
    public PoolApiException(PoolErrorKind kind, string message, int? statusCode = null, string? serverMessage = null, Exception? innerException = null, TimeSpan? retryAfter = null, bool final = false)
        : base(message, innerException)
    {
        Final = final;
        RetryAfter = retryAfter;
        Kind = kind;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
    }

    public PoolErrorKind Kind { get; }

    public int? StatusCode { get; }

    /// <summary>The server's explanation (its <c>result</c> text or a capped body excerpt), if any.</summary>
    public string? ServerMessage { get; }

    /// <summary>The wait a Retry-After header asked for, if the answer had one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Not to be retried whatever its kind: a failure remembered from shared work (a renewal in its
    /// back-off), which asking again at once would only repeat.
    /// </summary>
    public bool Final { get; }

    /// <summary>
    /// A failure of the session rather than of one input (its credentials refused, or it was
    /// disconnected): every other call on it would fail the same way, so a command stops at the first.
    /// </summary>
    public bool FailsEveryCall => Kind is PoolErrorKind.Unauthorized or PoolErrorKind.TokenExpired or PoolErrorKind.Disconnected;
}
