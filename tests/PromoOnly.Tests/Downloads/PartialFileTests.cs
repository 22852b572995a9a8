using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

/// <summary>A partial file belongs to one track beyond doubt, and nothing planted at its name is ever written into.</summary>
public sealed class PartialFileTests : IDisposable
{
    private readonly string _folder = TestFolder.Create("promo-partial-");
    private readonly string _outside = TestFolder.Create("promo-outside-");

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public void ThePartialNameIsOneNoCleanedServerNameCanTake()
    {
        string name = Path.GetFileName(PartialFile.PathFor(_folder, 123401));

        Assert.Equal(".promoonly-123401.partial", name);
        Assert.NotEqual(name, FileNames.Sanitize(name, 1));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ALinkAtThePartialNameIsRemovedAndWhatItPointsToIsUntouched(bool dangling)
    {
        string target = Path.Combine(_outside, "target.bin");
        if (!dangling)
        {
            File.WriteAllText(target, "30 bytes of someone else's file");
        }

        Links.Create(PartialFile.PathFor(_folder, 7), target);
        File.WriteAllText(ResumeNote.PathFor(_folder, 7), "{\"trackId\":7,\"validator\":\"\\\"v1\\\"\"}");

        using (var file = await PartialFile.OpenAsync(_folder, 7, CancellationToken.None))
        {
            await file.WriteAsync(new byte[65536], 65536, CancellationToken.None);
            Assert.Equal(65536, file.Length);
        }

        Assert.Equal(EntryKind.File, FolderEntry.Inspect(PartialFile.PathFor(_folder, 7)));
        Assert.Equal(dangling ? null : "30 bytes of someone else's file", File.Exists(target) ? File.ReadAllText(target) : null);
    }

    [Fact]
    public async Task AnEarlierRunsBytesAreCopiedIntoANewFileNotWrittenInPlace()
    {
        // A hard link (or any file swapped in) at the name keeps its bytes: the run writes only files it created.
        string path = PartialFile.PathFor(_folder, 7);
        File.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        File.WriteAllText(ResumeNote.PathFor(_folder, 7), "{\"trackId\":7,\"validator\":\"\\\"v1\\\"\"}");
        using var held = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        using (var file = await PartialFile.OpenAsync(_folder, 7, CancellationToken.None))
        {
            Assert.Equal(3, file.Length);
            Assert.Equal("\"v1\"", file.Validator);
            await file.WriteAsync(new byte[] { 4 }, 1, CancellationToken.None);
        }

        Assert.Equal(3, held.Length);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, File.ReadAllBytes(path));
        Assert.Equal(new[] { ".promoonly-7.partial", ".promoonly-7.resume" }, Directory.GetFiles(_folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public async Task AFolderAtThePartialNameIsAWriteErrorNamingIt()
    {
        Directory.CreateDirectory(PartialFile.PathFor(_folder, 7));

        var refused = await Assert.ThrowsAsync<DownloadWriteException>(() => PartialFile.OpenAsync(_folder, 7, CancellationToken.None));

        Assert.Contains(".promoonly-7.partial", refused.Message, StringComparison.Ordinal);
    }
}
