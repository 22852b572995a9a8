using System.Text;
using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

public sealed class DownloadRecordTests : IDisposable
{
    private readonly string _folder = TestFolder.Create("promo-record-");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ASavedTrackIsFoundOnlyWhileItsFileIsThereWithTheRecordedSize()
    {
        File.WriteAllBytes(Path.Combine(_folder, "a.mp3"), new byte[10]);
        new DownloadRecord(_folder).Add(new RecordEntry(1, "a.mp3", 10, "ab", DateTime.UtcNow));

        var record = new DownloadRecord(_folder);
        Assert.Equal("a.mp3", record.FindSaved(1)!.File);
        Assert.Null(record.FindSaved(2));

        File.WriteAllBytes(Path.Combine(_folder, "a.mp3"), new byte[9]);
        Assert.Null(record.FindSaved(1));
        File.Delete(Path.Combine(_folder, "a.mp3"));
        Assert.Null(record.FindSaved(1));
    }

    [Fact]
    public void TheFormatIsOneJsonObjectPerLineAndTheLastLineOfATrackWins()
    {
        var record = new DownloadRecord(_folder);
        record.Add(new RecordEntry(7, "old.mp3", 1, "aa", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
        record.Add(new RecordEntry(7, "new.mp3", 2, "bb", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
        File.WriteAllBytes(Path.Combine(_folder, "new.mp3"), new byte[2]);

        string[] lines = File.ReadAllLines(record.RecordPath);
        Assert.Equal("""{"trackId":7,"file":"new.mp3","length":2,"sha256":"bb","savedAt":"2026-01-02T03:04:05Z","artist":"","title":"","mix":"","acknowledged":false}""", lines.Last());
        Assert.Equal("new.mp3", new DownloadRecord(_folder).FindSaved(7)!.File);
    }

    [Fact]
    public void SavingATrackAppendsOneLineInsteadOfRewritingTheFolderHistory()
    {
        // A folder a pool has synced into for a year: rewriting it on every save made each save slower.
        // Lines spaced as another tool might write them show that nothing before the new line is rewritten.
        string path = Path.Combine(_folder, DownloadRecord.FileName);
        File.WriteAllLines(path, Enumerable.Range(1, 5000).Select(i => DownloadRecord.Serialize(new RecordEntry(i, $"{i}.mp3", i, "00", DateTime.UtcNow)).Replace(",", ", ")));
        byte[] before = File.ReadAllBytes(path);

        var entry = new RecordEntry(9000, "new.mp3", 1, "00", DateTime.UtcNow);
        new DownloadRecord(_folder).Add(entry);

        byte[] after = File.ReadAllBytes(path);
        Assert.Equal(before, after.Take(before.Length));
        Assert.Equal(DownloadRecord.Serialize(entry) + "\n", System.Text.Encoding.UTF8.GetString(after, before.Length, after.Length - before.Length));
    }

    [Fact]
    public void ALineACrashCutShortIsIgnoredAndTheNextSaveStartsAFreshLine()
    {
        string path = Path.Combine(_folder, DownloadRecord.FileName);
        File.WriteAllText(path, DownloadRecord.Serialize(new RecordEntry(1, "a.mp3", 1, "00", DateTime.UtcNow)) + "\n" + """{"trackId":2,"file":"b.m""");
        File.WriteAllBytes(Path.Combine(_folder, "a.mp3"), new byte[1]);
        File.WriteAllBytes(Path.Combine(_folder, "c.mp3"), new byte[3]);

        new DownloadRecord(_folder).Add(new RecordEntry(3, "c.mp3", 3, "00", DateTime.UtcNow));

        var reread = new DownloadRecord(_folder);
        Assert.NotNull(reread.FindSaved(1));
        Assert.Null(reread.FindSaved(2));
        Assert.Equal("c.mp3", reread.FindSaved(3)!.File);
    }

    [Fact]
    public void ARunCompactsARecordThatPiledUpSupersededLines()
    {
        var record = new DownloadRecord(_folder);
        for (int i = 0; i < 400; i++)
        {
            record.Add(new RecordEntry((i % 2) + 1, $"{i % 2}.mp3", i, "00", DateTime.UtcNow));
        }

        Assert.Equal(400, File.ReadAllLines(record.RecordPath).Length);

        var reopened = new DownloadRecord(_folder);

        string[] lines = File.ReadAllLines(reopened.RecordPath);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"length\":398", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"length\":399", lines[1], StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void DamagedLinesAndPathsInFileNamesAreIgnored()
    {
        File.WriteAllLines(Path.Combine(_folder, DownloadRecord.FileName), new[]
        {
            "not json",
            """{"trackId":1,"file":"../../etc/passwd","length":1}""",
            """{"trackId":2,"file":"ok.mp3","length":3}""",
        });
        File.WriteAllBytes(Path.Combine(_folder, "ok.mp3"), new byte[3]);

        var record = new DownloadRecord(_folder);

        Assert.Null(record.FindSaved(1));
        Assert.NotNull(record.FindSaved(2));
    }

    [Fact]
    public async Task ConcurrentWritersIntoOneFolderLoseNoLine()
    {
        // Separate instances, as separate Save-PromoTrack runs would have; the lock file serialises them.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            var record = new DownloadRecord(_folder);
            for (int i = 0; i < 25; i++)
            {
                record.Add(new RecordEntry((w * 100) + i, $"{w}-{i}.mp3", i, "00", DateTime.UtcNow));
            }
        }));
        await Task.WhenAll(writers);

        string[] lines = File.ReadAllLines(Path.Combine(_folder, DownloadRecord.FileName));
        Assert.Equal(200, lines.Length);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void ARecordThatCannotBeWrittenIsAWriteErrorNamingIt()
    {
        var record = new DownloadRecord(_folder);
        Directory.CreateDirectory(record.RecordPath);

        var failure = Assert.Throws<DownloadWriteException>(() => record.Add(new RecordEntry(1, "a.mp3", 1, "00", DateTime.UtcNow)));

        Assert.Contains(record.RecordPath, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALineNamingAFileNoFileSystemAcceptsIsIgnoredLikeAnyUnreadableLine()
    {
        // A NUL in a name once made every track of the command fail with a raw ArgumentException.
        File.WriteAllLines(Path.Combine(_folder, DownloadRecord.FileName), new[]
        {
            """{"trackId":1,"file":"a\u0000b.mp3","length":1}""",
            """{"trackId":2,"file":"c:d.mp3","length":1}""",
            """{"trackId":3,"file":"ok.mp3","length":1}""",
            """{"trackId":4,"file":"x\u001b.mp3","length":1}""",
        });
        File.WriteAllBytes(Path.Combine(_folder, "ok.mp3"), new byte[1]);

        var record = new DownloadRecord(_folder);

        Assert.Null(record.FindSaved(1));
        Assert.Null(record.FindSaved(2));
        Assert.NotNull(record.FindSaved(3));
        Assert.Null(record.FindSaved(4));
    }

    [Fact]
    public void AHugeLineIsSkippedWithoutBeingHeldAndTheLinesAfterItCount()
    {
        string path = Path.Combine(_folder, DownloadRecord.FileName);
        using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
        {
            writer.Write("{\"trackId\":1,\"file\":\"");
            writer.Write(new string('x', 8 * 1024 * 1024));
            writer.Write("\",\"length\":1}\n");
            writer.Write(DownloadRecord.Serialize(new RecordEntry(2, "b.mp3", 1, "00", DateTime.UtcNow)) + "\n");
        }

        File.WriteAllBytes(Path.Combine(_folder, "b.mp3"), new byte[1]);
#if NET
        long before = GC.GetAllocatedBytesForCurrentThread();
#endif
        var record = new DownloadRecord(_folder);
#if NET
        // Reading it line by line as text allocated well over twice the line (16 MB and more).
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 * 1024 * 1024, "a line beyond the cap was held in memory");
#endif

        Assert.Null(record.FindSaved(1));
        Assert.NotNull(record.FindSaved(2));
    }

    [Fact]
    public void ARunCatchesUpWithLinesAnotherProcessAppendedAndWithItsCompaction()
    {
        var mine = new DownloadRecord(_folder);
        var theirs = new DownloadRecord(_folder);
        File.WriteAllBytes(Path.Combine(_folder, "a.mp3"), new byte[1]);
        theirs.Add(new RecordEntry(1, "a.mp3", 1, "00", DateTime.UtcNow) { Artist = "Katy Perry", Acknowledged = true });

        Assert.Null(mine.FindSaved(1));
        mine.CatchUp();
        Assert.Equal("Katy Perry", mine.FindSaved(1)!.Artist);

        // Someone rewrites the record (a compaction) with other lines: the next catch-up reads it all again.
        File.WriteAllBytes(Path.Combine(_folder, "b.mp3"), new byte[2]);
        File.WriteAllText(mine.RecordPath, DownloadRecord.Serialize(new RecordEntry(2, "b.mp3", 2, "00", DateTime.UtcNow)) + "\n");
        mine.CatchUp();
        Assert.Null(mine.FindSaved(1));
        Assert.NotNull(mine.FindSaved(2));
    }

    [Fact]
    public void AnOwedSuccessSignalIsRememberedUntilALineSaysItWasConfirmed()
    {
        var record = new DownloadRecord(_folder);
        var saved = new RecordEntry(5, "e.mp3", 1, "00", DateTime.UtcNow) { Title = "Roar", Mix = "Clean" };
        record.Add(saved.WithSignal(false, new PendingSignal(201, "dl-5")));

        var reread = new DownloadRecord(_folder);
        RecordEntry owed = Assert.Single(reread.Pending());
        Assert.Equal((201, "dl-5"), (owed.Pending!.ServerId, owed.Pending.DlToken));
        Assert.Equal(("Roar", "Clean"), (owed.Title, owed.Mix));

        reread.Add(owed.WithSignal(true, owed.Pending));
        Assert.Empty(new DownloadRecord(_folder).Pending());
        Assert.True(new DownloadRecord(_folder).Find(5)!.Acknowledged);
    }

    [Fact]
    public void ARecordThatIsALinkIsNeverReadOrWrittenThrough()
    {
        string outside = TestFolder.Create("promo-outside-");
        try
        {
            string target = Path.Combine(outside, "precious.txt");
            File.WriteAllText(target, "years of work");
            Links.Create(Path.Combine(_folder, DownloadRecord.FileName), target);

            var refused = Assert.Throws<DownloadWriteException>(() => new DownloadRecord(_folder));
            Assert.Contains(DownloadRecord.FileName, refused.Message, StringComparison.Ordinal);
            Assert.Contains("link", refused.Message, StringComparison.Ordinal);

            // A link planted after the record was read is refused when the line is appended.
            File.Delete(Path.Combine(_folder, DownloadRecord.FileName));
            File.WriteAllText(Path.Combine(_folder, DownloadRecord.FileName), string.Empty);
            var record = new DownloadRecord(_folder);
            File.Delete(record.RecordPath);
            Links.Create(record.RecordPath, target);
            Assert.Throws<DownloadWriteException>(() => record.Add(new RecordEntry(1, "a.mp3", 1, "00", DateTime.UtcNow)));
            Assert.Equal("years of work", File.ReadAllText(target));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void ALinkAtTheLockFileIsReplacedNeverFollowed()
    {
        string outside = TestFolder.Create("promo-outside-");
        try
        {
            string dangling = Path.Combine(outside, "created-outside.txt");
            Links.Create(Path.Combine(_folder, FolderLock.FileName), dangling);

            new DownloadRecord(_folder).Add(new RecordEntry(1, "a.mp3", 1, "00", DateTime.UtcNow));

            Assert.False(File.Exists(dangling));
            Assert.Empty(Directory.GetFiles(outside));
            Assert.Single(File.ReadAllLines(Path.Combine(_folder, DownloadRecord.FileName)));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }
}
