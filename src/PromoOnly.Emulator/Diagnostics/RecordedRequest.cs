using System.Text.Json.Serialization;

namespace PromoOnly.Emulator.Diagnostics;

/// <summary>
/// One request as it arrived, so tests can assert exactly what a client sent
/// (Authorization, User-Agent, Accept, form fields) and what it got back.
/// </summary>
/// <param name="Form">Form fields, or null when the body was not a form.</param>
public sealed record RecordedRequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers,
    [property: JsonPropertyName("form")] IReadOnlyDictionary<string, string>? Form,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("time")] DateTimeOffset Time)
{
    /// <summary>The mirror that received the request; null (and left out of the JSON) for the API.</summary>
    [JsonPropertyName("mirror")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mirror { get; init; }
}
