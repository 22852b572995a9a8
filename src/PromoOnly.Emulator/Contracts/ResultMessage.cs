using System.Text.Json.Serialization;

namespace PromoOnly.Emulator.Contracts;

/// <summary>{"result":"..."}: the POOL API's error body, and its auth endpoints' failure answer.</summary>
internal sealed record ResultMessage([property: JsonPropertyName("result")] string Result);
