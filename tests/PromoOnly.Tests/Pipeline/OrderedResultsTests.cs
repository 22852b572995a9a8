using PromoOnly.Pipeline;

namespace PromoOnly.Tests.Pipeline;

public class OrderedResultsTests
{
    [Fact]
    public async Task ResultsLeaveInInputOrderEvenWhenLaterOnesFinishFirst()
    {
        var results = new OrderedResults<int>(capacity: 8);
        var first = new TaskCompletionSource<int>();
        results.Add(first.Task);
        results.Add(Task.FromResult(2));
        results.Add(Task.FromResult(3));

        Assert.False(results.TryTakeFinishedHead(out _));

        first.SetResult(1);
        var taken = new List<int>();
        while (results.TryTakeFinishedHead(out Task<int> done))
        {
            taken.Add(await done);
        }

        Assert.Equal(new[] { 1, 2, 3 }, taken);
        Assert.Null(results.Head);
    }

    [Fact]
    public void CapacityBoundsWhatIsHeld()
    {
        var results = new OrderedResults<int>(capacity: 2);
        results.Add(new TaskCompletionSource<int>().Task);
        Assert.False(results.IsFull);

        results.Add(Task.FromResult(1));

        Assert.True(results.IsFull);
        Assert.Equal(2, results.Count);
    }
}
