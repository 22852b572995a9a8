using PromoOnly.Catalogue;

namespace PromoOnly.Tests.Catalogue;

/// <summary>Pages are fetched one at a time, only when asked, and the walk ends where it should.</summary>
public class PageFeedTests
{
    private static Release On(long id, int day) => new(id) { Date = new DateTime(2020, 3, day) };

    [Fact]
    public async Task NothingIsFetchedUntilAskedAndOnePagePerAsk()
    {
        var asked = new List<int>();
        var feed = new PageFeed<int>((page, _) =>
        {
            asked.Add(page);
            return Task.FromResult(new Mapped<int>(new[] { page * 10, page * 10 + 1 }, 0));
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
        var feed = new PageFeed<int>((page, _) => Task.FromResult(new Mapped<int>(page == 1 ? new[] { 1 } : Array.Empty<int>(), 0)));

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
        var feed = new PageFeed<int>((page, _) => Task.FromResult(page == 1 ? new Mapped<int>(Array.Empty<int>(), 3) : new Mapped<int>(new[] { 7 }, 0)));

        await feed.NextAsync(CancellationToken.None);
        Assert.False(feed.IsFinished);
        Assert.Equal(new[] { 7 }, await feed.NextAsync(CancellationToken.None));
        Assert.Equal(3, feed.Skipped);
    }

    [Fact]
    public async Task AServerThatNeverEndsIsStoppedAtTheBound()
    {
        var feed = new PageFeed<int>((page, _) => Task.FromResult(new Mapped<int>(new[] { page }, 0)));
        while (!feed.IsFinished)
        {
            await feed.NextAsync(CancellationToken.None);
        }

        Assert.Equal(PageFeed<int>.MaxPages, feed.PagesRead);
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
        var feed = new PageFeed<Release>((page, _) => { fetched++; return Task.FromResult(new Mapped<Release>(pages[page - 1], 0)); }, window.Judge);

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
