using PromoOnly.Catalogue;

namespace PromoOnly.Tests.Catalogue;

/// <summary>Pages are fetched one at a time, only when asked, and the walk ends where it should.</summary>
public class PageFeedTests
{
    private static Release On(long id, int day) => new(id) { Date = new DateTime(2020, 3, day) };

    private static PageFeed<int> Feed(Func<int, int[]> pages) =>
        new((page, _) => Task.FromResult(new Mapped<int>(pages(page), 0)), i => i);

    private static async Task<List<T>> Drain<T>(PageFeed<T> feed)
    {
        var all = new List<T>();
        while (!feed.IsFinished)
        {
            all.AddRange(await feed.NextAsync(CancellationToken.None));
        }

        return all;
    }

    [Fact]
    public async Task NothingIsFetchedUntilAskedAndOnePagePerAsk()
    {
        var asked = new List<int>();
        var feed = Feed(page =>
        {
            asked.Add(page);
            return new[] { page * 10, page * 10 + 1 };
        });

        Assert.Empty(asked);
        Assert.Equal(new[] { 10, 11 }, await feed.NextAsync(CancellationToken.None));
        Assert.Equal(new[] { 1 }, asked);
        await feed.NextAsync(CancellationToken.None);
        Assert.Equal(new[] { 1, 2 }, asked);
    }

    [Fact]
    public async Task AnEmptyPageEndsTheList()
    {
        var feed = Feed(page => page == 1 ? new[] { 1 } : Array.Empty<int>());

        await feed.NextAsync(CancellationToken.None);
        Assert.False(feed.IsFinished);
        Assert.Empty(await feed.NextAsync(CancellationToken.None));
        Assert.True(feed.IsFinished);
        Assert.Empty(await feed.NextAsync(CancellationToken.None));
        Assert.Equal(2, feed.PagesRead);
    }

    [Fact]
    public async Task APageOfOnlyUnusableEntriesDoesNotEndTheList()
    {
        var feed = new PageFeed<int>((page, _) => Task.FromResult(page == 1 ? new Mapped<int>(Array.Empty<int>(), 3) : new Mapped<int>(new[] { 7 }, 0)), i => i);

        await feed.NextAsync(CancellationToken.None);
        Assert.False(feed.IsFinished);
        Assert.Equal(new[] { 7 }, await feed.NextAsync(CancellationToken.None));
        Assert.Equal(3, feed.Skipped);
    }

    [Fact]
    public async Task AServerThatInventsPagesForeverIsStoppedAtTheBoundWithAWarning()
    {
        var feed = Feed(page => new[] { page });
        await Drain(feed);

        Assert.Equal(PageFeed<int>.MaxPages, feed.PagesRead);
        Assert.Contains("stopped after 5,000 pages", feed.Warning("the list"));
    }

    [Fact]
    public async Task APageThatRepeatsAnEarlierPageEndsTheList()
    {
        // A server that ignores the page number: every page is the first one.
        var feed = Feed(_ => new[] { 1, 2, 3 });

        Assert.Equal(new[] { 1, 2, 3 }, await Drain(feed));
        Assert.Equal(2, feed.PagesRead);
        Assert.Equal(3, feed.Repeated);
        Assert.Contains("page 2 of the list with no entry it had not sent before", feed.Warning("the list"));
    }

    [Fact]
    public async Task APageWithNoNewIdInAnotherOrderEndsTheListToo()
    {
        var feed = Feed(page => page switch { 1 => new[] { 1, 2 }, 2 => new[] { 3 }, 3 => new[] { 2, 3, 1 }, _ => new[] { 4 } });

        Assert.Equal(new[] { 1, 2, 3 }, await Drain(feed));
        Assert.Equal(3, feed.PagesRead);
    }

    [Fact]
    public async Task AnEntryAlreadySeenIsNotHandedOutAgain()
    {
        // Pages that overlap, as date pages do when new releases arrive while a script reads them.
        var feed = Feed(page => page switch { 1 => new[] { 1, 2, 3 }, 2 => new[] { 3, 4, 4 }, _ => Array.Empty<int>() });

        Assert.Equal(new[] { 1, 2, 3, 4 }, await Drain(feed));
        Assert.Equal(2, feed.Repeated);
        Assert.Null(feed.Warning("the list"));
    }

    [Fact]
    public async Task TwoPagesInARowOfOnlyUnusableEntriesEndTheList()
    {
        var feed = new PageFeed<int>((page, _) => Task.FromResult(page == 1 ? new Mapped<int>(new[] { 1 }, 0) : new Mapped<int>(Array.Empty<int>(), 2)), i => i);

        Assert.Equal(new[] { 1 }, await Drain(feed));
        Assert.Equal(3, feed.PagesRead);
        Assert.NotNull(feed.Warning("the list"));
    }

    [Fact]
    public async Task AListThatEndsAsListsEndHasNoWarning()
    {
        var feed = Feed(page => page < 3 ? new[] { page } : Array.Empty<int>());

        Assert.Equal(new[] { 1, 2 }, await Drain(feed));
        Assert.Null(feed.Warning("the list"));
    }

    [Fact]
    public async Task HistoryLinesAreOneLineWhenEverythingTheySayIsTheSame()
    {
        var one = new DownloadHistoryEntry { TrackId = 5, Title = "A", Date = new DateTime(2020, 3, 1) };
        var again = new DownloadHistoryEntry { TrackId = 5, Title = "A", Date = new DateTime(2020, 3, 1) };
        var other = new DownloadHistoryEntry { TrackId = 5, Title = "A", Date = new DateTime(2020, 3, 2) };
        var pages = new[] { new[] { one, other }, new[] { again } };
        var feed = new PageFeed<DownloadHistoryEntry>((page, _) => Task.FromResult(new Mapped<DownloadHistoryEntry>(pages[page - 1], 0)), CatalogueClient.HistoryLine);

        Assert.Equal(2, (await Drain(feed)).Count);
        Assert.Equal(2, feed.PagesRead);
    }

    [Fact]
    public async Task TheReleaseWindowStopsAtTheFirstReleaseOlderThanSince()
    {
        var window = new ReleaseWindow(since: new DateTime(2020, 3, 5), until: new DateTime(2020, 3, 8));
        var pages = new[]
        {
            new[] { On(1, 9), On(2, 8), On(3, 7) },
            new[] { On(4, 6), On(5, 5), On(6, 4), On(7, 5) },
            new[] { On(8, 3) },
        };
        int fetched = 0;
        var feed = new PageFeed<Release>((page, _) => { fetched++; return Task.FromResult(new Mapped<Release>(pages[page - 1], 0)); }, r => r.ReleaseId, window.Judge);

        var kept = new List<long>();
        while (!feed.IsFinished)
        {
            kept.AddRange((await feed.NextAsync(CancellationToken.None)).Select(r => r.ReleaseId));
        }

        Assert.Equal(new long[] { 2, 3, 4, 5 }, kept);
        Assert.Equal(2, fetched);
    }

    [Fact]
    public void SinceAfterUntilIsRefused() =>
        Assert.Throws<ArgumentException>(() => new ReleaseWindow(new DateTime(2020, 3, 9), new DateTime(2020, 3, 1)));

    [Fact]
    public void UndatedReleasesAreKeptOnlyWithoutAWindow()
    {
        Assert.Equal(PageVerdict.Keep, new ReleaseWindow(null, null).Judge(new Release(1)));
        Assert.Equal(PageVerdict.Skip, new ReleaseWindow(new DateTime(2020, 3, 1), null).Judge(new Release(1)));
    }
}
