using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Diagnostics;

namespace PromoOnly.Emulator.Media;

/// <summary>State the API and every media host share: tokens, dl_tokens, the request log and media statistics.</summary>
internal sealed record MediaShared(TokenStore Tokens, DownloadTickets Tickets, MediaStats Stats, RequestLog Log, TimeProvider Time);
