using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Auth;
using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Reporting;

/// <summary>The DJ session reports (track trends) of contract section 7, for a session of the module.</summary>
internal sealed class DjSessionClient
{
    private readonly SessionCalls _calls;

    public DjSessionClient(SessionCalls calls) => _calls = calls;

    /// <summary><c>GET /tracktrends/sessions/{PAGE}</c>.</summary>
    public Task<Mapped<DjSession>> GetSessionPageAsync(int page, CancellationToken cancel) =>
        _calls.GetAsync(new Uri(_calls.BaseUri, "tracktrends/sessions/" + Number(page)), $"DJ sessions page {Number(page)}", PoolErrorKind.UnexpectedStatus, DjSessionAnswers.SessionPage, cancel);

    /// <summary><c>GET /tracktrends/session/{ID}</c>.</summary>
    public Task<Mapped<DjSessionTrack>> GetSessionAsync(long sessionId, CancellationToken cancel) =>
        _calls.GetAsync(
            new Uri(_calls.BaseUri, "tracktrends/session/" + Number(sessionId)),
            $"DJ session {Number(sessionId)}",
            PoolErrorKind.UnexpectedStatus,
            (document, subject) => DjSessionAnswers.Plays(document, subject, sessionId),
            cancel);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
