using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

/// <summary>The one check Save-PromoTrack makes before queueing anything: can the folder be written?</summary>
public class FolderAccessTests
{
    [Fact]
    public void AWritableFolderPassesAndKeepsNothingOfTheCheck()
    {
        string folder = TestFolder.Create("folder-access-");
        try
        {
            Assert.Null(FolderAccess.WhyNotWritable(folder));
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AFolderThatCannotBeWrittenSaysWhy()
    {
        // /sys refuses new files even to root; elsewhere a missing folder stands in.
        string folder = Directory.Exists("/sys/kernel") ? "/sys" : System.IO.Path.Combine(System.IO.Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing");

        Assert.False(string.IsNullOrEmpty(FolderAccess.WhyNotWritable(folder)));
    }
}
