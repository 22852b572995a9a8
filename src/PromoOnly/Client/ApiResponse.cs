using System;

namespace PromoOnly.Client;

/// <summary>A final (non-redirect) answer: its status and its body, already size-capped.</summary>
internal readonly struct ApiResponse
{
    public ApiResponse(int statusCode, string body, TimeSpan? retryAfter = null)
    {
        RetryAfter = retryAfter;
        StatusCode = statusCode;
        Body = body;
    }

    public int StatusCode { get; }

    public string Body { get; }

    public TimeSpan? RetryAfter { get; }

    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
