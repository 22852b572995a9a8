namespace PromoOnly.Downloads;

/// <summary>A success signal that may not have reached the POOL API: what a later run needs to send it once.</summary>
/// <param name="ServerId">The mirror's id, as the signal names it.</param>
/// <param name="DlToken">Authorises nothing without the account's token; kept only until the signal is confirmed.</param>
internal sealed record PendingSignal(int ServerId, string DlToken);
