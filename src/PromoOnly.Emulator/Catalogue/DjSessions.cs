using System.Globalization;

namespace PromoOnly.Emulator.Catalogue;

/// <summary>One reported DJ session: its id, name, report time and plays.</summary>
internal sealed record DjSessionReport(int Id, string Name, DateTimeOffset ReportedAt, IReadOnlyList<DjPlay> Plays);

/// <summary>One play: <see cref="LinkId"/> is the catalogue track it matched, or 0.</summary>
internal sealed record DjPlay(long Id, int LinkId, DateTimeOffset Played, string Artist, string Title);

/// <summary>
/// The DJ sessions (track trends) each account reported, arithmetic like the rest: user 1 has 45
/// (ids 770100..770144, newest first, one every two days back from 20:00 UTC today), so 20 a page
/// gives pages of 20, 20 and 5, then an empty page; user 2 has none. Session k holds 5 + k % 8
/// plays, four minutes apart, reported in US Eastern time (-05:00) as the documentation shows;
/// every other play matched a catalogue track, the rest did not (linkid 0).
/// </summary>
internal sealed class DjSessions
{
    public const int PageSize = 20;
    public const int FirstId = 770100;

    private readonly IReadOnlyList<DjSessionReport> _user1;

    public DjSessions(ReleaseCatalogue catalogue)
    {
        CatalogueTrack[] tracks = catalogue.Tracks.ToArray();
        DateTimeOffset evening = new(catalogue.Today.ToDateTime(new TimeOnly(20, 0)), TimeSpan.Zero);
        var eastern = TimeSpan.FromHours(-5);
        _user1 = Enumerable.Range(0, 45).Select(k =>
        {
            DateTimeOffset reported = evening.AddDays(-2 * k);
            int id = FirstId + k;
            var plays = Enumerable.Range(0, 5 + (k % 8)).Select(p =>
            {
                CatalogueTrack track = tracks[((k * 13) + (p * 5)) % tracks.Length];
                return new DjPlay(
                    ((long)id * 100) + p,
                    p % 2 == 0 ? track.TrackId : 0,
                    reported.AddHours(-4).AddMinutes(4 * p).ToOffset(eastern),
                    p % 3 == 0 ? track.Song.Artist.ToUpperInvariant() : track.Song.Artist,
                    track.Song.Title);
            }).ToArray();
            string name = k % 5 == 4 ? $"{k}_database V2" : $"{6000 + (k * 37)}.session";
            return new DjSessionReport(id, name, reported, plays);
        }).ToArray();
    }

    public IReadOnlyList<DjSessionReport> For(int userId) => userId == 1 ? _user1 : [];

    public DjSessionReport? Find(int userId, int sessionId) => For(userId).FirstOrDefault(s => s.Id == sessionId);

    /// <summary>[{id, session, ts}]: ts in Unix seconds.</summary>
    public static object SessionJson(DjSessionReport session) => new { id = session.Id, session = session.Name, ts = session.ReportedAt.ToUnixTimeSeconds() };

    /// <summary>[{id, linkid, played, reported_artist, reported_title}]: played as "yyyy-MM-dd HH:mm:ss-05:00".</summary>
    public static object PlayJson(DjPlay play) => new
    {
        id = play.Id,
        linkid = play.LinkId,
        played = play.Played.ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture),
        reported_artist = play.Artist,
        reported_title = play.Title,
    };
}
