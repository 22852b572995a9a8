using System.Runtime.InteropServices;
using PromoOnly.Downloads;

namespace PromoOnly.Tests.Downloads;

/// <summary>Issue 16, point 10: which write failures mean "no room", after which the .partial is removed to give its space back.</summary>
public class NoRoomTests
{
    private static readonly bool Windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    [Fact]
    public void AFullDiskIsNoRoomWhereverTheErrorIsWrapped()
    {
        // What .NET throws for ENOSPC on Unix (the errno as HResult) and ERROR_DISK_FULL on Windows.
        var full = new IOException("No space left on device", Windows ? unchecked((int)0x80070070) : 28);

        Assert.True(NoRoom.Is(full));
        Assert.True(new DownloadWriteException("Could not write", full).OutOfRoom);
    }

    [Fact]
    public void OtherWriteFailuresAreNot()
    {
        var denied = new IOException("Permission denied", Windows ? unchecked((int)0x80070005) : 13);

        Assert.False(NoRoom.Is(denied));
        Assert.False(new DownloadWriteException("Could not write", denied).OutOfRoom);
        Assert.False(NoRoom.Is(new UnauthorizedAccessException("denied")));
    }
}
