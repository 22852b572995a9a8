using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Diagnostics;

namespace PromoOnly.Emulator.Media;

/// <summary>State the API and every media host share: tokens, dl_tokens, the request log, media statistics, the catalogue (which names catalogue files) and the run-time controls.</summary>
internal sealed record MediaShared(TokenStore Tokens, DownloadTickets Tickets, MediaStats Stats, RequestLog Log, TimeProvider Time, ReleaseCatalogue Catalogue, MediaControls Controls)
{
    /// <summary>--echo-request: media hosts quote the request in their failure answers too.</summary>
    public bool EchoRequests { get; init; }

    /// <summary>--media-rate: the most bytes a second any one media answer sends (0: as fast as the machine goes).</summary>
    public long LineBytesPerSecond { get; init; }
}
