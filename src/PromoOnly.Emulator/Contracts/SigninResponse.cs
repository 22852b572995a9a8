using System.Text.Json.Serialization;

namespace PromoOnly.Emulator.Contracts;

/// <summary>
/// Success answer of POST /user/authenticate/signin. Note "expiration" here where
/// /user/authenticate says "expires": the real API is inconsistent and clients must cope.
/// </summary>
internal sealed record SigninResponse(
    [property: JsonPropertyName("result")] string Result,
    [property: JsonPropertyName("api_key")] string ApiKey,
    [property: JsonPropertyName("api_secret")] string ApiSecret,
    [property: JsonPropertyName("userid")] int UserId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expiration")] long Expiration,
    [property: JsonPropertyName("server_time")] long ServerTime);
