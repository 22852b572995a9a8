using System.Globalization;
using Newtonsoft.Json.Linq;
using PromoOnly.Catalogue;
using static PromoOnly.Catalogue.LenientJson;

namespace PromoOnly.Reporting;

/// <summary>The track-trends answers of contract section 7: reported DJ sessions and their plays.</summary>
internal static class DjSessionAnswers
{
    /// <summary><c>[{id, session, ts}]</c>, 20 a page; an empty page ends the list.</summary>
    public static Mapped<DjSession> SessionPage(JToken document, string subject) =>
        CatalogueAnswers.Map(CatalogueAnswers.ExpectArray(document, subject, "a list of DJ sessions"), Session);

    /// <summary><c>[{id, linkid, played, reported_artist, reported_title}]</c>.</summary>
    public static Mapped<DjSessionTrack> Plays(JToken document, string subject, long sessionId) =>
        CatalogueAnswers.Map(CatalogueAnswers.ExpectArray(document, subject, "the tracks of a DJ session"), o => Play(o, sessionId));

    private static DjSession? Session(JObject entry) =>
        Long(entry, "id") is { } id && id > 0
            ? new DjSession(id) { Name = Text(entry, "session", "name"), ReportedAt = Date(entry, "ts", "reported") }
            : null;

    private static DjSessionTrack? Play(JObject entry, long sessionId) =>
        Long(entry, "id") is { } id && id > 0
            ? new DjSessionTrack(sessionId, id)
            {
                // 0 in the documented example: the play was not matched to a POOL track.
                LinkId = Long(entry, "linkid", "link_id") is { } link && link > 0 ? link : null,
                Played = Date(entry, "played"),
                Artist = Text(entry, "reported_artist", "artist"),
                Title = Text(entry, "reported_title", "title"),
            }
            : null;
}
