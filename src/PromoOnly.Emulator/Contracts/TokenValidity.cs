using System.Text.Json.Serialization;

namespace PromoOnly.Emulator.Contracts;

/// <summary>Answer of POST /user/token/validate: {"token":"valid"} or {"token":"invalid"}.</summary>
internal sealed record TokenValidity([property: JsonPropertyName("token")] string Token)
{
    public static TokenValidity Valid { get; } = new("valid");

    public static TokenValidity Invalid { get; } = new("invalid");
}
