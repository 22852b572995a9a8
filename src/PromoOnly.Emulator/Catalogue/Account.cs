namespace PromoOnly.Emulator.Catalogue;

/// <summary>A seeded POOL account.</summary>
/// <param name="StaticToken">A token that never expires, so demos and docs work without signing in.</param>
/// <param name="UncoveredTrackSuffix">Tracks whose id % 100 equals this are outside the subscription (403).</param>
internal sealed record Account(
    int UserId,
    string Email,
    string Password,
    string ApiKey,
    string ApiSecret,
    string StaticToken,
    int UncoveredTrackSuffix);
