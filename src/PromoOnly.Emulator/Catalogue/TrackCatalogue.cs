using System.Globalization;

namespace PromoOnly.Emulator.Catalogue;

/// <summary>
/// A deterministic, arithmetic catalogue: every answer follows from the track id (and user),
/// so tests can pick an id for the case they want without any seeded data. Rules, in order:
/// the documented example 337865; ids outside 100000..999999 or ending in 44 do not exist;
/// each user has one uncovered suffix; ids ending in 00 have no mirror; everything else gets
/// 1 + id % 3 mirrors from the pool starting at index id % 5.
/// </summary>
internal static class TrackCatalogue
{
    public const int DocumentedTrackId = 337865;

    /// <summary>
    /// With mirrors configured (--mirror, --dead-mirror), tracks 950000..950999 list those instead;
    /// without any, they follow the rules above like every other track.
    /// </summary>
    public static bool IsMirrorTrack(int trackId) => trackId is >= 950000 and <= 950999;

    /// <summary>With --silent-mirrors, tracks 951000..951999 list those hosts that accept but never answer.</summary>
    public static bool IsSilentMirrorTrack(int trackId) => trackId is >= 951000 and <= 951999;

    /// <summary>The exact answer the POOL API contract documents for track 337865.</summary>
    public static IReadOnlyList<MirrorServer> DocumentedServers { get; } =
    [
        new("dc03.promoonly.com", 7),
        new("ny01.promoonly.com", 8),
        new("sl02.promoonly.com", 9),
    ];

    private static readonly MirrorServer[] Pool =
    [
        new("dc03.promoonly.com", 7),
        new("ny01.promoonly.com", 8),
        new("sl02.promoonly.com", 9),
        new("la04.promoonly.com", 10),
        new("ams01.promoonly.com", 11),
    ];

    /// <summary>
    /// Only plain canonical digits count as an id ("0337865", "+337865" and " 337865" do not),
    /// so each track has exactly one URL.
    /// </summary>
    public static bool TryParseId(string text, out int trackId) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out trackId)
        && text == trackId.ToString(CultureInfo.InvariantCulture);

    public static TrackAnswer Lookup(Account user, string rawTrackId)
    {
        if (!TryParseId(rawTrackId, out var id) || id is < 100000 or > 999999 || id % 100 == 44)
        {
            return TrackAnswer.NotFound(rawTrackId);
        }

        if (id == DocumentedTrackId)
        {
            return TrackAnswer.Found(DocumentedServers);
        }

        if (id % 100 == user.UncoveredTrackSuffix)
        {
            return TrackAnswer.NotCovered(id);
        }

        if (id % 100 == 0)
        {
            return TrackAnswer.Found([]);
        }

        var servers = Enumerable.Range(0, 1 + (id % 3)).Select(i => Pool[((id % 5) + i) % Pool.Length]);
        return TrackAnswer.Found(servers.ToArray());
    }
}
