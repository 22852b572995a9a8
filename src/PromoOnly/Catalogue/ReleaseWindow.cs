using System;

namespace PromoOnly.Catalogue;

/// <summary>
/// The dates Get-PromoRelease asks for. The list is newest first, so the walk starts at
/// <see cref="Until"/> (the API's START_DATE) and stops at the first release older than
/// <see cref="Since"/>; releases newer than Until are skipped in case a server ignores START_DATE.
/// </summary>
internal sealed class ReleaseWindow
{
    public ReleaseWindow(DateTime? since, DateTime? until)
    {
        if (since is { } s && until is { } u && s.Date > u.Date)
        {
            throw new ArgumentException($"-Since ({s:yyyy-MM-dd}) is after -Until ({u:yyyy-MM-dd}).");
        }

        Since = since?.Date;
        Until = until?.Date;
    }

    public DateTime? Since { get; }

    public DateTime? Until { get; }

    public PageVerdict Judge(Release release)
    {
        if (release.Date is not { } date)
        {
            // Undated releases cannot be placed; keep them only when no window was asked for.
            return Since is null && Until is null ? PageVerdict.Keep : PageVerdict.Skip;
        }

        if (Until is { } until && date.Date > until)
        {
            return PageVerdict.Skip;
        }

        return Since is { } since && date.Date < since ? PageVerdict.Stop : PageVerdict.Keep;
    }
}
