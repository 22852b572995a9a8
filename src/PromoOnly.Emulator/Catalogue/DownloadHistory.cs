namespace PromoOnly.Emulator.Catalogue;

/// <summary>One line of a download history; in the releases view TrackId and Title are empty.</summary>
internal sealed record HistoryLine(long UnixSeconds, string Artist, int ReleaseId, string Release, int? TrackId, string? Title, int Downloads, bool IsVideo)
{
    /// <summary>Who the releases view names: the release's artist ("Various Artists"), not the track's.</summary>
    public string ReleaseArtist { get; init; } = Artist;

    /// <summary>The track's mix, in the tracks view; empty in the releases view.</summary>
    public string? Mix { get; init; }
}

/// <summary>
/// Each account's download history, newest first. At the head, the tracks it signalled with
/// POST /download/success (any track, catalogue or not), each at the time of its last signal;
/// then the seeded catalogue downloads (the ones the catalogue flags as downloaded), each at
/// midnight UTC of its release day plus its order in minutes, ties by track id. The releases view
/// groups them by release, in the same order.
/// </summary>
internal static class DownloadHistory
{
    public const int PageSize = 20;

    public static IReadOnlyList<HistoryLine> For(ReleaseCatalogue catalogue, AccountDownloads downloads, int media, int view)
    {
        var signalled = downloads.Signalled.Values
            .OrderByDescending(m => m.Time)
            .ThenBy(m => m.TrackId)
            .Select(m => Signalled(m, catalogue, downloads.UserId));
        var seeded = catalogue.Tracks
            .Where(t => t.SeededFor(downloads.UserId) && !downloads.Signalled.ContainsKey(t.TrackId))
            .Select(t => (Seconds: UnixSeconds(t), Line: Seeded(t, catalogue.ReleaseOf(t))))
            .OrderByDescending(x => x.Seconds)
            .ThenBy(x => x.Line.TrackId)
            .Select(x => x.Line);
        var tracks = signalled.Concat(seeded)
            .Where(l => media switch { 1 => l.IsVideo, 2 => !l.IsVideo, _ => true })
            .ToList();

        if (view == 2)
        {
            // GroupBy keeps the order in which each release first appears, which is newest first.
            return tracks
                .GroupBy(l => l.ReleaseId)
                .Select(g => new HistoryLine(g.First().UnixSeconds, g.First().ReleaseArtist, g.Key, g.First().Release, null, null, g.Count(), g.All(l => l.IsVideo)))
                .ToList();
        }

        return tracks;
    }

    private static HistoryLine Signalled(DownloadMark mark, ReleaseCatalogue catalogue, int userId)
    {
        TrackFacts facts = TrackFacts.For(mark.TrackId, catalogue);
        CatalogueTrack? track = catalogue.FindTrack(mark.TrackId);
        int before = track is not null && track.SeededFor(userId) ? SeededDownloads(track) : 0;
        return new HistoryLine(mark.Time.ToUnixTimeSeconds(), facts.Artist, facts.ReleaseId, facts.ReleaseName, facts.TrackId, facts.Title, before + mark.Signals, facts.IsVideo)
        {
            ReleaseArtist = track is null ? facts.Artist : catalogue.ReleaseOf(track).Artist,
            Mix = facts.Mix,
        };
    }

    private static HistoryLine Seeded(CatalogueTrack track, CatalogueRelease release) =>
        new(UnixSeconds(track), track.Song.Artist, release.ReleaseId, release.Title, track.TrackId, track.Song.Title, SeededDownloads(track), track.IsVideo)
        {
            ReleaseArtist = release.Artist,
            Mix = track.Mix,
        };

    private static int SeededDownloads(CatalogueTrack track) => 1 + (track.TrackId % 3);

    private static long UnixSeconds(CatalogueTrack track) =>
        new DateTimeOffset(track.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(track.Order).ToUnixTimeSeconds();
}
