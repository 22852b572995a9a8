using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Auth;
using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Preferences;

/// <summary>The preference calls of contract section 7 on behalf of a session, each one request (plus retries).</summary>
internal sealed class PreferencesClient
{
    private readonly SessionCalls _calls;

    public PreferencesClient(SessionCalls calls) => _calls = calls;

    private Uri BaseUri => _calls.BaseUri;

    public Task<Mapped<Chart>> GetChartsAsync(CancellationToken cancel) =>
        _calls.GetAsync(PreferencesAddress.Charts(BaseUri), "the account's charts", PoolErrorKind.UnexpectedStatus, PreferencesAnswers.Charts, cancel);

    public Task<Mapped<ReleaseFormat>> GetReleaseFormatsAsync(CancellationToken cancel) =>
        _calls.GetAsync(PreferencesAddress.ReleaseFormats(BaseUri), "the account's release formats", PoolErrorKind.UnexpectedStatus, PreferencesAnswers.ReleaseFormats, cancel);

    /// <summary><c>hide_formats=1,3,5</c> (empty: show every format); answers the ids the server now hides.</summary>
    public Task<int[]> SaveFormatFiltersAsync(int[] hidden, CancellationToken cancel) =>
        _calls.PostAsync(
            PreferencesAddress.SaveFormatFilters(BaseUri),
            () => new FormBody().AddList("hide_formats", hidden.Select(id => (long)id)),
            "the format filters",
            PoolErrorKind.UnexpectedStatus,
            PreferencesAnswers.HiddenFormats,
            cancel);

    public Task<Preference> GetOptionsAsync(CancellationToken cancel) =>
        _calls.GetAsync(PreferencesAddress.Options(BaseUri), "the account's options", PoolErrorKind.UnexpectedStatus, PreferencesAnswers.Options, cancel);

    public Task<FileNaming> GetFileNamingAsync(CancellationToken cancel) =>
        _calls.GetAsync(PreferencesAddress.FileNaming(BaseUri), "the file naming options", PoolErrorKind.UnexpectedStatus, FileNamingAnswer.Read, cancel);

    /// <summary>All fifteen fields, always: the server sets the whole naming at once.</summary>
    /// <exception cref="ArgumentException">A slot names a field or modifier the server does not offer.</exception>
    public Task<bool> SaveFileNamingAsync(FileNaming naming, CancellationToken cancel)
    {
        if (FileNamingAnswer.Problem(naming) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        return _calls.PostAsync(
            PreferencesAddress.SaveFileNaming(BaseUri),
            () => FileNamingAnswer.Form(naming),
            "saving the file naming",
            PoolErrorKind.UnexpectedStatus,
            (document, subject) =>
            {
                ResultAnswer.RequireSuccess(document, subject);
                return true;
            },
            cancel);
    }
}
