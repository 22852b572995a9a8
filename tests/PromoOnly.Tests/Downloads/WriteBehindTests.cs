using PromoOnly.Downloads;

namespace PromoOnly.Tests.Downloads;

/// <summary>The reader of a download goes on reading while the disk and the hash catch up, and never loses a byte or a failure.</summary>
public sealed class WriteBehindTests
{
    [Fact]
    public async Task TheReaderHandsOverSeveralBuffersBeforeASlowStoreHoldsItUp()
    {
        var disk = new SlowDisk();
        var behind = new WriteBehind(disk.StoreAsync, CancellationToken.None);

        // The first store hangs, as a busy disk would: Depth - 1 more buffers are still taken at once.
        for (int i = 0; i < behind.Depth - 1; i++)
        {
            behind.Buffer[0] = (byte)i;
            Assert.True(behind.HandOverAsync(1).IsCompleted);
        }

        behind.Buffer[0] = (byte)(behind.Depth - 1);
        Task held = behind.HandOverAsync(1);
        Assert.False(held.IsCompleted);

        disk.Open();
        await held;
        await behind.DrainAsync();
        Assert.Equal(Enumerable.Range(0, behind.Depth).Select(i => (byte)i), disk.Stored);
        await behind.ReleaseAsync();
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 8)]
    [InlineData(3, 5)]
    [InlineData(4, 4)]
    [InlineData(16, 4)]
    public void OneOrTwoTransfersReadFurtherAheadThanManyAndMemoryStaysBounded(int transfersAtOnce, int depth)
    {
        Assert.Equal(depth, WriteBehind.DepthFor(transfersAtOnce));
        Assert.Equal(depth, new WriteBehind((_, _) => Task.CompletedTask, CancellationToken.None, WriteBehind.DepthFor(transfersAtOnce)).Depth);
    }

    [Fact]
    public async Task NoBufferIsFilledAgainWhileItsBytesAreStillBeingStored()
    {
        var disk = new SlowDisk();
        disk.Open();
        var behind = new WriteBehind(disk.StoreAsync, CancellationToken.None);
        for (int i = 0; i < 50; i++)
        {
            behind.Buffer[0] = (byte)i;
            await behind.HandOverAsync(1);
        }

        // A buffer filled again before its store ran would have put a later number in an earlier place.
        await behind.DrainAsync();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (byte)i), disk.Stored);
        await behind.ReleaseAsync();
    }

    [Fact]
    public async Task AStoreFailureReachesTheReaderAndNothingAfterItIsWritten()
    {
        var disk = new SlowDisk { FailAt = 1 };
        disk.Open();
        var behind = new WriteBehind(disk.StoreAsync, CancellationToken.None);
        var failure = await Assert.ThrowsAsync<IOException>(async () =>
        {
            for (int i = 0; i < 20; i++)
            {
                behind.Buffer[0] = (byte)i;
                await behind.HandOverAsync(1);
            }

            await behind.DrainAsync();
        });

        Assert.Equal("disk full", failure.Message);
        Assert.Equal(new byte[] { 0 }, disk.Stored);
        await behind.ReleaseAsync();
    }

    /// <summary>A store that waits until opened and records the first byte of each buffer it stored.</summary>
    private sealed class SlowDisk
    {
        private readonly TaskCompletionSource<bool> _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object _gate = new();

        public int FailAt { get; set; } = -1;

        public List<byte> Stored { get; } = new();

        public void Open() => _open.TrySetResult(true);

        public async Task StoreAsync(byte[] buffer, int count)
        {
            await _open.Task.ConfigureAwait(false);
            await Task.Yield();
            lock (_gate)
            {
                if (Stored.Count == FailAt)
                {
                    throw new IOException("disk full");
                }

                Stored.Add(buffer[0]);
            }
        }
    }
}
