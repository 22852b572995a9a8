using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Catalogue;

/// <summary>
/// A paged list read one page at a time, only when the caller asks for the next one: a pipeline
/// that stops early (Select-Object -First) costs only the pages it consumed. Pages start at 1; an
/// empty page ends the list, and so does <see cref="MaxPages"/>, because the page count is the
/// server's to choose and a server that never answers empty must not keep a command busy forever.
/// </summary>
internal sealed class PageFeed<T>
{
    public const int MaxPages = 10_000;

    private readonly Func<int, CancellationToken, Task<Mapped<T>>> _fetch;
    private readonly Func<T, PageVerdict>? _judge;
    private int _nextPage = 1;

    /// <param name="judge">Sorts each item: keep, skip, or stop (this item and everything after it).</param>
    public PageFeed(Func<int, CancellationToken, Task<Mapped<T>>> fetch, Func<T, PageVerdict>? judge = null)
    {
        _fetch = fetch;
        _judge = judge;
    }

    public bool IsFinished { get; private set; }

    /// <summary>Pages requested so far.</summary>
    public int PagesRead => _nextPage - 1;

    /// <summary>Entries the server sent that could not be mapped (no id), over all pages read.</summary>
    public int Skipped { get; private set; }

    /// <summary>The next page's kept items; empty and <see cref="IsFinished"/> once the list has ended.</summary>
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
            IsFinished = true;
            return Array.Empty<T>();
        }

        if (_nextPage > MaxPages)
        {
            IsFinished = true;
        }

        if (_judge is null)
        {
            return page.Items;
        }

        var kept = new List<T>(page.Items.Count);
        foreach (T item in page.Items)
        {
            PageVerdict verdict = _judge(item);
            if (verdict == PageVerdict.Stop)
            {
                IsFinished = true;
                break;
            }

            if (verdict == PageVerdict.Keep)
            {
                kept.Add(item);
            }
        }

        return kept;
    }
}

/// <summary>What a <see cref="PageFeed{T}"/> does with one item.</summary>
internal enum PageVerdict
{
    Keep,
    Skip,
    Stop,
}
