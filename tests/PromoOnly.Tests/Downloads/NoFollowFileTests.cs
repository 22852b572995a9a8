using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

/// <summary>The one file appended to in place (the record) is opened in a way that refuses a link, not only checked first.</summary>
public sealed class NoFollowFileTests : IDisposable
{
    private readonly string _folder = TestFolder.Create("promo-nofollow-");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TheOpenItselfRefusesALinkPlantedAfterAnyCheck()
    {
        string target = Path.Combine(_folder, "precious.txt");
        File.WriteAllText(target, "years of work");
        string link = Path.Combine(_folder, "record.jsonl");
        Links.Create(link, target);

        var refused = Assert.Throws<DownloadWriteException>(() => NoFollowFile.OpenExisting(link, checkFirst: false));

        Assert.Contains(link, refused.Message, StringComparison.Ordinal);
        Assert.Equal("years of work", File.ReadAllText(target));
    }

    [Fact]
    public void APlainFileOpensForAppending()
    {
        string path = Path.Combine(_folder, "record.jsonl");
        File.WriteAllText(path, "a\n");

        using (FileStream stream = NoFollowFile.OpenExisting(path))
        {
            stream.Seek(0, SeekOrigin.End);
            stream.WriteByte((byte)'b');
        }

        Assert.Equal("a\nb", File.ReadAllText(path));
    }
}
