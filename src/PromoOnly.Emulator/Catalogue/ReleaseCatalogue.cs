namespace PromoOnly.Emulator.Catalogue;

/// <summary>
/// The emulated releases: 60 dates ending today (the emulator's clock, read once at start-up),
/// 3 to 5 releases per date, 3 to 8 tracks per release. Everything follows from arithmetic, so
/// every run holds the same ids and titles. Track ids are 200000 + day·100 + (release+1)·10 +
/// a units digit from {1,2,5,6,7,8,9,0}: never a withdrawn (…44), user 1's uncovered (…13) or a
/// mirrorless (…00) id, so every catalogue track downloads through /download/server for user 1.
/// </summary>
internal sealed class ReleaseCatalogue
{
    public const int Dates = 60;
    public const int FirstReleaseId = 50000;

    private static readonly int[] Units = [1, 2, 5, 6, 7, 8, 9, 0];

    private static readonly string[] Artists =
    [
        "Katy Perry", "AC/DC", "Beyoncé", "Dua Lipa", "The Weeknd", "Bad Bunny", "Calvin Harris",
        "Morgan Wallen", "Doja Cat", "Pendulum", "Shakira", "Drake", "Karol G",
    ];

    private static readonly string[] Titles =
    [
        "Roar", "Thunder Road", "100%", "Midnight Drive", "a+b", "Levitating Lights", "Blinding",
        "Tití", "Summer Rain", "Whiskey Glass", "Say So", "Tarantula", "Hips", "One Dance",
        "Provenza", "Firework", "Night/Day",
    ];

    private static readonly string[] Genres = ["Dance", "Pop", "Drum & Bass", "Hip Hop", "Country", "Latin", "Rock"];

    private static readonly string[] Labels = ["Capitol", "Columbia", "Atlantic", "Republic", "Interscope"];

    private static readonly string[] AudioMixes = ["Clean", "Dirty", "Clean Intro", "Dirty Intro", "Clean Extended", "Quick Hit"];

    private static readonly string[] Series = ["Club Hits", "Top 40", "Urban Radio", "Country Radio", "Latin Hits"];

    private readonly Dictionary<int, CatalogueRelease> _releases = new();
    private readonly Dictionary<int, CatalogueTrack> _tracks = new();

    public ReleaseCatalogue(TimeProvider time)
    {
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Songs = Enumerable.Range(0, 120)
            .Select(s => new Song(600000 + s, Artists[s % Artists.Length], Titles[s % Titles.Length], Genres[s % Genres.Length], 70 + ((s * 37) % 100), Labels[s % Labels.Length]))
            .ToArray();

        var releases = new List<CatalogueRelease>();
        for (int day = 0; day < Dates; day++)
        {
            DateOnly date = Today.AddDays(-day);
            for (int r = 0; r < 3 + (day % 3); r++)
            {
                releases.Add(BuildRelease(day, r, date));
            }
        }

        Releases = releases;
        Specialties = Enumerable.Range(0, SpecialtyCount).Select(BuildSpecialty).ToArray();
        foreach (CatalogueRelease release in releases.Concat(Specialties))
        {
            _releases[release.ReleaseId] = release;
            foreach (CatalogueTrack track in release.Tracks)
            {
                _tracks[track.TrackId] = track;
            }
        }
    }

    /// <summary>The newest release date.</summary>
    public DateOnly Today { get; }

    public IReadOnlyList<Song> Songs { get; }

    /// <summary>Newest date first; within a date, in release order.</summary>
    public IReadOnlyList<CatalogueRelease> Releases { get; }

    public IEnumerable<CatalogueTrack> Tracks => Releases.SelectMany(r => r.Tracks);

    /// <summary>
    /// The specialty releases (themed compilations sold separately), newest first. They are not in
    /// <see cref="Releases"/> (the dated distribution), but /release/{id} and the download workflow
    /// serve them like any other release.
    /// </summary>
    public IReadOnlyList<CatalogueRelease> Specialties { get; }

    /// <summary>Only user 1 has bought specialty releases; user 2 has none, so its lists are empty.</summary>
    public IReadOnlyList<CatalogueRelease> SpecialtiesOf(int userId) => userId == 1 ? Specialties : [];

    /// <summary>The tracks of the user's specialty releases, by original year, then id.</summary>
    public IEnumerable<CatalogueTrack> SpecialtyTracksOf(int userId) =>
        SpecialtiesOf(userId).SelectMany(r => r.Tracks).OrderBy(t => t.OriginalYear).ThenBy(t => t.TrackId);

    public CatalogueRelease? FindRelease(int releaseId) => _releases.GetValueOrDefault(releaseId);

    public CatalogueTrack? FindTrack(int trackId) => _tracks.GetValueOrDefault(trackId);

    public CatalogueRelease ReleaseOf(CatalogueTrack track) => _releases[track.ReleaseId];

    /// <summary>The other versions of a track's title, newest first.</summary>
    public IEnumerable<CatalogueTrack> VersionsOf(CatalogueTrack track) =>
        Tracks.Where(t => t.Song.TitleId == track.Song.TitleId && t.TrackId != track.TrackId);

    public const int SpecialtyCount = 33;
    public const int FirstSpecialtyId = 70000;

    private static readonly string[] Themes = ["All Time Party Classics", "Best Of Hair Bands", "Back To The Eighties", "Wedding Essentials", "Countdown Anthems"];

    /// <summary>
    /// Specialty release s (0 = newest): id 70000 + s, dated 3 + 9·s days ago, 4 + s % 5 tracks with
    /// ids 300000 + 100·s + 10 + a units digit (never …44, …13 or …00), each from a year 1960..2019.
    /// </summary>
    private CatalogueRelease BuildSpecialty(int s)
    {
        int releaseId = FirstSpecialtyId + s;
        DateOnly date = Today.AddDays(-(3 + (9 * s)));
        var tracks = new List<CatalogueTrack>();
        for (int t = 0; t < 4 + (s % 5); t++)
        {
            int trackId = 300000 + (100 * s) + 10 + Units[t];
            Song song = Songs[((s * 11) + (t * 7)) % Songs.Count];
            bool video = trackId % 10 == 7;
            string mix = video ? "Clean Video" : AudioMixes[(s + t) % AudioMixes.Length];
            tracks.Add(new CatalogueTrack(
                trackId, releaseId, t + 1, song, mix,
                IsVideo: video,
                IsExplicit: mix.StartsWith("Dirty", StringComparison.Ordinal),
                DurationSeconds: 150 + (trackId % 150),
                date,
                OriginalYear: 1960 + (((s * 13) + (t * 7)) % 60)));
        }

        return new CatalogueRelease(releaseId, date, $"{Themes[s % Themes.Length]} Vol. {(SpecialtyCount - s)}", "Various Artists", tracks[0].Song.Genre, "Promo Only", "Specialty", tracks);
    }

    private CatalogueRelease BuildRelease(int day, int r, DateOnly date)
    {
        int releaseId = FirstReleaseId + (day * 10) + r;
        int trackCount = 3 + (releaseId % 6);
        var tracks = new List<CatalogueTrack>(trackCount);
        for (int t = 0; t < trackCount; t++)
        {
            int trackId = 200000 + (day * 100) + ((r + 1) * 10) + Units[t];
            Song song = Songs[((day * 17) + (r * 5) + (t * 3)) % Songs.Count];
            // Video exactly where the download queue's media is video (id % 10 == 7), so a track's
            // MediaType and the file Save-PromoTrack receives agree.
            bool video = trackId % 10 == 7;
            string mix = video
                ? ((day + r) % 2 == 0 ? "Clean Video" : "Dirty Video")
                : AudioMixes[(day + r + (t * 3)) % AudioMixes.Length];
            tracks.Add(new CatalogueTrack(
                trackId, releaseId, t + 1, song, mix,
                IsVideo: video,
                IsExplicit: mix.StartsWith("Dirty", StringComparison.Ordinal),
                DurationSeconds: 150 + (trackId % 150),
                date));
        }

        // Every seventh day's first release is a chart: the contract says charts are releases too.
        bool chart = r == 0 && day % 7 == 0;
        string series = Series[(day + r) % Series.Length];
        return new CatalogueRelease(
            releaseId,
            date,
            chart ? $"Top 40 Chart {date:yyyy-MM-dd}" : $"{series} Vol. {(Dates - day) * 5 + r}",
            "Various Artists",
            tracks[0].Song.Genre,
            Labels[(day + r) % Labels.Length],
            chart ? "Chart" : tracks.All(t => t.IsVideo) ? "Video" : "Album",
            tracks);
    }
}
