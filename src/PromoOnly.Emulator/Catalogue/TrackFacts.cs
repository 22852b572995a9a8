using System.Globalization;
using PromoOnly.Emulator.Media;

namespace PromoOnly.Emulator.Catalogue;

/// <summary>
/// What the download workflow (queue, success, history) says about a track. A catalogue track
/// answers with the catalogue's own values, so the queue agrees with /release/{id} and the file a
/// user saves is named after the track they chose. Any other id keeps the arithmetic answer the
/// download tests were written against: artist, title and mix from <see cref="MediaTrack"/>, one
/// fixed release, bpm/duration/flags from the id.
/// </summary>
internal sealed record TrackFacts(
    int TrackId,
    string Artist,
    string Title,
    string Mix,
    string Genre,
    int Bpm,
    string Label,
    string Duration,
    bool ContentWarning,
    bool Explicit,
    bool IsVideo,
    int ReleaseId,
    string ReleaseName,
    int ReleaseYear,
    string ReleaseImage,
    int TitleId,
    string Modified,
    bool InCatalogue)
{
    /// <summary>The release every non-catalogue track claims, as the contract's example shows it.</summary>
    public const int FallbackReleaseId = 53719;
    public const string FallbackReleaseName = "Promo Only Club Hits";

    /// <summary>The extension part of the success answer's "type".</summary>
    public string Type => IsVideo ? "mp4" : "mp3";

    public static TrackFacts For(int id, ReleaseCatalogue catalogue)
    {
        if (catalogue.FindTrack(id) is { } track)
        {
            CatalogueRelease release = catalogue.ReleaseOf(track);
            return new TrackFacts(
                id, track.Song.Artist, track.Song.Title, track.Mix, track.Song.Genre, track.Song.Bpm, track.Song.Label,
                track.Duration, track.IsExplicit, track.IsExplicit, track.IsVideo,
                release.ReleaseId, release.Title, release.Date.Year,
                CatalogueJson.ImageBase + release.ReleaseId.ToString(CultureInfo.InvariantCulture) + ".jpg",
                track.Song.TitleId, CatalogueJson.Modified(track.Date), InCatalogue: true);
        }

        // Exactly the values the queue gave before the catalogue existed: tests of the download
        // faults and media ranges depend on them (content_warn and explicit disagree, as they did).
        MediaTrack media = MediaTrack.For(id);
        return new TrackFacts(
            id, media.Artist, media.Title, media.Mix, "Dance", 96 + (id % 40), "Promo Only",
            $"{3 + (id % 3)}:{id % 60:00}", ContentWarning: id % 2 == 0, Explicit: id % 2 == 1, media.IsVideo,
            FallbackReleaseId, FallbackReleaseName, 2020, string.Empty, id + 1000, "2020-03-24 10:00:00", InCatalogue: false);
    }
}
