namespace PromoOnly.Emulator.Catalogue;

/// <summary>
/// One track of the emulated catalogue; <see cref="Song"/> ties the versions of a title together.
/// <see cref="OriginalYear"/> is set on specialty tracks only: the year the recording first came out.
/// </summary>
internal sealed record CatalogueTrack(
    int TrackId,
    int ReleaseId,
    int Order,
    Song Song,
    string Mix,
    bool IsVideo,
    bool IsExplicit,
    int DurationSeconds,
    DateOnly Date,
    int OriginalYear = 0)
{
    public string Duration => $"{DurationSeconds / 60}:{DurationSeconds % 60:00}";

    /// <summary>
    /// Which tracks each seeded account had downloaded before the emulator started (the rest are new
    /// to it); <see cref="AccountDownloads"/> adds the ones it signals while the emulator runs.
    /// </summary>
    public bool SeededFor(int userId) => userId switch
    {
        // Ids ending in 57 are videos (r = 4, t = 4), so user 1's history has some of each.
        1 => TrackId % 5 == 1 || TrackId % 100 == 57,
        2 => TrackId % 7 == 2,
        _ => false,
    };
}

/// <summary>A title: every release that carries it holds one of its versions (mixes, edits, videos).</summary>
internal sealed record Song(int TitleId, string Artist, string Title, string Genre, int Bpm, string Label);

/// <summary>A release on one date, with its tracks in release order.</summary>
internal sealed record CatalogueRelease(
    int ReleaseId,
    DateOnly Date,
    string Title,
    string Artist,
    string Genre,
    string Label,
    string Type,
    IReadOnlyList<CatalogueTrack> Tracks);
