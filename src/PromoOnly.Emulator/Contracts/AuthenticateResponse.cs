using System.Text.Json.Serialization;

namespace PromoOnly.Emulator.Contracts;

/// <summary>Success answer of POST /user/authenticate; property order matches the contract.</summary>
internal sealed record AuthenticateResponse(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("expires")] long Expires,
    [property: JsonPropertyName("server_time")] long ServerTime,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("userid")] int UserId)
{
    /// <summary>The contract documents code 504 on success; it is an opaque constant, not an HTTP status.</summary>
    public const int SuccessCode = 504;
}
