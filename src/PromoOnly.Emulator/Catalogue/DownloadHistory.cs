namespace PromoOnly.Emulator.Catalogue;

/// <summary>One line of a download history; in the releases view TrackId and Title are empty.</summary>
internal sealed record HistoryLine(long UnixSeconds, string Artist, int ReleaseId, string Release, int? TrackId, string? Title, int Downloads, bool IsVideo);

/// <summary>
/// Each account's download history: the catalogue tracks it has downloaded (the same ones the
/// catalogue flags as downloaded), each at midnight UTC of its release day plus its order in minutes (never in the future),
/// newest first. The releases view groups them by release.
/// </summary>
internal static class DownloadHistory
{
    public const int PageSize = 20;

    public static IReadOnlyList<HistoryLine> For(ReleaseCatalogue catalogue, int userId, int media, int view)
    {
        var tracks = catalogue.Tracks
            .Where(t => t.DownloadedBy(userId))
            .Where(t => media switch { 1 => t.IsVideo, 2 => !t.IsVideo, _ => true })
            .Select(t => (Track: t, Release: catalogue.ReleaseOf(t), Seconds: UnixSeconds(t)))
            .OrderByDescending(x => x.Seconds)
            .ThenBy(x => x.Track.TrackId)
            .ToList();

        if (view == 2)
        {
            return tracks
                .GroupBy(x => x.Release.ReleaseId)
                .Select(g => new HistoryLine(g.Max(x => x.Seconds), g.First().Release.Artist, g.Key, g.First().Release.Title, null, null, g.Count(), g.All(x => x.Track.IsVideo)))
                .OrderByDescending(l => l.UnixSeconds)
                .ToList();
        }

        return tracks
            .Select(x => new HistoryLine(x.Seconds, x.Track.Song.Artist, x.Release.ReleaseId, x.Release.Title, x.Track.TrackId, x.Track.Song.Title, 1 + (x.Track.TrackId % 3), x.Track.IsVideo))
            .ToList();
    }

    private static long UnixSeconds(CatalogueTrack track) =>
        new DateTimeOffset(track.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(track.Order).ToUnixTimeSeconds();
}
