namespace PromoOnly.Emulator.Catalogue;

/// <summary>
/// The hard-coded accounts. Two real users with different subscription gaps let tests prove
/// the client sends the right user id; the half-set-up account exercises the one sign-in
/// failure that is not a wrong password.
/// </summary>
internal static class Accounts
{
    public const string UnfinishedSetupEmail = "setup@promoonly.example";
    public const string UnfinishedSetupPassword = "setup-password";

    public static IReadOnlyList<Account> All { get; } =
    [
        // The token is the example from the POOL API contract, so copied snippets just work.
        new(1, "demo@promoonly.example", "demo-password", "demo-api-key", "demo-api-secret",
            "8b26e1e4f3f5e00a888807e605565c47", UncoveredTrackSuffix: 13),
        new(2, "second@promoonly.example", "second-password", "second-api-key", "second-api-secret",
            "0f1e2d3c4b5a69788796a5b4c3d2e1f0", UncoveredTrackSuffix: 27),
    ];

    public static Account? FindById(int userId) => All.FirstOrDefault(a => a.UserId == userId);

    public static Account? FindByApiKey(string apiKey) =>
        All.FirstOrDefault(a => string.Equals(a.ApiKey, apiKey, StringComparison.Ordinal));

    // E-mail addresses compare case-insensitively, as sign-in forms generally do; passwords never.
    public static Account? FindByEmail(string email) =>
        All.FirstOrDefault(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase));
}
