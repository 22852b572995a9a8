using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

/// <summary>One saver per track and folder, across runs and processes (the lock is the exclusive open, which the system scopes per open file).</summary>
public sealed class TrackClaimTests : IDisposable
{
    private readonly string _folder = TestFolder.Create("promo-claim-");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ATrackHasOneClaimantAtATimeAndItsLockFileGoesWithIt()
    {
        using (TrackClaim first = TrackClaim.TryTake(_folder, 9)!)
        {
            Assert.NotNull(first);
            Assert.Null(TrackClaim.TryTake(_folder, 9));
            using TrackClaim? other = TrackClaim.TryTake(_folder, 10);
            Assert.NotNull(other);
        }

        Assert.False(File.Exists(TrackClaim.PathFor(_folder, 9)));
        using TrackClaim? again = TrackClaim.TryTake(_folder, 9);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task AWaitingClaimantSaysSoOnceAndGetsTheClaimWhenItIsGivenUp()
    {
        TrackClaim held = TrackClaim.TryTake(_folder, 9)!;
        int told = 0;
        var waiting = TrackClaim.TakeAsync(_folder, 9, () => Interlocked.Increment(ref told), CancellationToken.None);
        while (Volatile.Read(ref told) == 0)
        {
            await Task.Yield();
        }

        Assert.False(waiting.IsCompleted);
        held.Dispose();
        using TrackClaim taken = await waiting;
        Assert.Equal(1, told);
    }
}
