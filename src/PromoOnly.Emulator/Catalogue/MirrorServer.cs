using System.Text.Json.Serialization;

namespace PromoOnly.Emulator.Catalogue;

/// <summary>One entry of the download-server list: {"host":"dc03.promoonly.com","id":7}.</summary>
internal sealed record MirrorServer(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("id")] int Id);
