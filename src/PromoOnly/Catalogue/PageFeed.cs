using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Catalogue;

/// <summary>
/// A paged list read one page at a time, only when the caller asks for the next one: a pipeline
/// that stops early (Select-Object -First) costs only the pages it consumed. Pages start at 1 and
/// an empty page ends the list. The page count is the server's to choose, so a server that loops
/// must not keep a command busy: an entry already seen is never handed out twice, a page that
/// brings no new entry (a repeat of an earlier page) ends the list, and so does
/// <see cref="MaxPages"/>, a last line of defence against a server that invents pages forever.
/// The last two end the list early; <see cref="Warning"/> says so.
/// </summary>
internal sealed class PageFeed<T>
{
    /// <summary>
    /// Pages per command. Far beyond any real account: the releases list has 15 dates a page (5,000
    /// pages are two centuries), a download history of 20 lines a page holds 100,000 downloads.
    /// </summary>
    public const int MaxPages = 5_000;

    private readonly Func<int, CancellationToken, Task<Mapped<T>>> _fetch;
    private readonly Func<T, object> _identity;
    private readonly Func<T, PageVerdict>? _judge;
    private readonly HashSet<object> _seen = new();
    private int _nextPage = 1;
    private int _barrenPages;
    private PageEnd _end;

    /// <param name="identity">What makes two entries the same one (a release id, say), to recognise a page the server repeats.</param>
    /// <param name="judge">Sorts each new item: keep, skip, or stop (this item and everything after it).</param>
    public PageFeed(Func<int, CancellationToken, Task<Mapped<T>>> fetch, Func<T, object> identity, Func<T, PageVerdict>? judge = null)
    {
        _fetch = fetch;
        _identity = identity;
        _judge = judge;
    }

    public bool IsFinished => _end != PageEnd.NotYet;

    /// <summary>Pages requested so far.</summary>
    public int PagesRead => _nextPage - 1;

    /// <summary>Entries the server sent that could not be mapped (no id), over all pages read.</summary>
    public int Skipped { get; private set; }

    /// <summary>Entries the server sent again (on a repeated page, or twice in one), left out.</summary>
    public int Repeated { get; private set; }

    /// <summary>The next page's new, kept items; empty and <see cref="IsFinished"/> once the list has ended.</summary>
    public async Task<IReadOnlyList<T>> NextAsync(CancellationToken cancellationToken)
    {
        if (IsFinished)
        {
            return Array.Empty<T>();
        }

        Mapped<T> page = await _fetch(_nextPage, cancellationToken).ConfigureAwait(false);
        _nextPage++;
        Skipped += page.Skipped;
        if (page.Items.Count == 0 && page.Skipped == 0)
        {
            _end = PageEnd.Listed;
            return Array.Empty<T>();
        }

        var fresh = new List<T>(page.Items.Count);
        foreach (T item in page.Items)
        {
            if (_seen.Add(_identity(item)))
            {
                fresh.Add(item);
            }
        }

        Repeated += page.Items.Count - fresh.Count;

        // A page of only unusable entries may be a glitch; two such pages in a row, or one whose
        // usable entries were all seen before, is a server going round in circles.
        _barrenPages = fresh.Count == 0 ? _barrenPages + 1 : 0;
        if (fresh.Count == 0 && (page.Items.Count > 0 || _barrenPages >= 2))
        {
            _end = PageEnd.Repeated;
            return Array.Empty<T>();
        }

        if (PagesRead >= MaxPages)
        {
            _end = PageEnd.Capped;
        }

        return Judge(fresh);
    }

    /// <summary>Why the list ended early, for a warning naming <paramref name="what"/> ("the release list"); null when it ended as lists end.</summary>
    public string? Warning(string what) => _end switch
    {
        PageEnd.Repeated => $"The POOL API answered page {Number(PagesRead)} of {what} with no entry it had not sent before; reading stopped there, so the list may be incomplete.",
        PageEnd.Capped => $"Reading of {what} stopped after {Number(MaxPages)} pages, the most one command reads; the POOL API kept sending new pages. Narrow the request, or report the server's behaviour.",
        _ => null,
    };

    private IReadOnlyList<T> Judge(List<T> fresh)
    {
        if (_judge is null)
        {
            return fresh;
        }

        var kept = new List<T>(fresh.Count);
        foreach (T item in fresh)
        {
            PageVerdict verdict = _judge(item);
            if (verdict == PageVerdict.Stop)
            {
                _end = PageEnd.Listed;
                break;
            }

            if (verdict == PageVerdict.Keep)
            {
                kept.Add(item);
            }
        }

        return kept;
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private enum PageEnd
    {
        NotYet,
        Listed,
        Repeated,
        Capped,
    }
}

/// <summary>What a <see cref="PageFeed{T}"/> does with one item.</summary>
internal enum PageVerdict
{
    Keep,
    Skip,
    Stop,
}
