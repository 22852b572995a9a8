using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

/// <summary>Which name a finished download takes, and what it may replace: only the file the record attributes to the track.</summary>
public sealed class FilePlacementTests : IDisposable
{
    private readonly string _folder = TestFolder.Create("promo-placement-");
    private readonly string _outside = TestFolder.Create("promo-outside-");

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    private string Finished(long trackId, string content)
    {
        string partial = PartialFile.PathFor(_folder, trackId);
        File.WriteAllText(partial, content);
        return partial;
    }

    private string Place(string name, long trackId, string content = "new bytes") =>
        Path.GetFileName(new FilePlacement(_folder, new DownloadRecord(_folder)).MoveIntoPlace(Finished(trackId, content), name, trackId));

    [Fact]
    public void AUsersOwnFileKeepsItsBytesAndTheTrackTakesItsTrackIdName()
    {
        // -Force once replaced notes.txt when a server named its file that way.
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "my notes");

        Assert.Equal("notes [5].txt", Place("notes.txt", 5));
        Assert.Equal("my notes", File.ReadAllText(Path.Combine(_folder, "notes.txt")));
    }

    [Fact]
    public void TheFileTheRecordAttributesToTheTrackIsReplacedInPlace()
    {
        File.WriteAllText(Path.Combine(_folder, "Song.mp3"), "old bytes");
        new DownloadRecord(_folder).Add(new RecordEntry(5, "Song.mp3", 9, "00", DateTime.UtcNow));

        Assert.Equal("Song.mp3", Place("Song.mp3", 5));
        Assert.Equal("new bytes", File.ReadAllText(Path.Combine(_folder, "Song.mp3")));
    }

    [Fact]
    public void AnotherTracksFileIsNeverReplaced()
    {
        File.WriteAllText(Path.Combine(_folder, "Song.mp3"), "track 6");
        new DownloadRecord(_folder).Add(new RecordEntry(6, "Song.mp3", 7, "00", DateTime.UtcNow));

        Assert.Equal("Song [5].mp3", Place("Song.mp3", 5));
        Assert.Equal("track 6", File.ReadAllText(Path.Combine(_folder, "Song.mp3")));
    }

    [Fact]
    public void AFolderAtTheNameSendsTheTrackToItsTrackIdName()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "Song.mp3"));

        Assert.Equal("Song [5].mp3", Place("Song.mp3", 5));
    }

    [Fact]
    public void ALinkAtTheNameIsNeitherFollowedNorReplaced()
    {
        string precious = Path.Combine(_outside, "precious.mp3");
        File.WriteAllText(precious, "years of work");
        Links.Create(Path.Combine(_folder, "Song.mp3"), precious);
        Links.Create(Path.Combine(_folder, "Other.mp3"), Path.Combine(_outside, "dangling.mp3"));

        Assert.Equal("Song [5].mp3", Place("Song.mp3", 5));
        Assert.Equal("Other [6].mp3", Place("Other.mp3", 6));

        Assert.Equal("years of work", File.ReadAllText(precious));
        Assert.False(File.Exists(Path.Combine(_outside, "dangling.mp3")));
    }

    [Fact]
    public void WhenBothNamesAreTakenNothingIsReplacedAndTheErrorSaysWhatToMove()
    {
        File.WriteAllText(Path.Combine(_folder, "Song.mp3"), "a");
        File.WriteAllText(Path.Combine(_folder, "Song [5].mp3"), "b");

        var refused = Assert.Throws<DownloadWriteException>(() => Place("Song.mp3", 5));

        Assert.Contains("Song [5].mp3", refused.Message, StringComparison.Ordinal);
        Assert.Equal("a", File.ReadAllText(Path.Combine(_folder, "Song.mp3")));
        Assert.Equal("b", File.ReadAllText(Path.Combine(_folder, "Song [5].mp3")));
    }
}
