using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PromoOnly.Downloads;

/// <summary>
/// Whether a write failed because the file has no room to grow: the disk is full, a quota is used
/// up, or a file-size limit was reached. A half-written .partial then only holds space the user
/// needs back; it is removed, and the error says so.
/// </summary>
internal static class NoRoom
{
    // Windows: ERROR_HANDLE_DISK_FULL (39), ERROR_DISK_FULL (112), ERROR_DISK_QUOTA_EXCEEDED (1295), as HRESULTs.
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsQuota = unchecked((int)0x8007050F);

    // Unix (.NET reports the errno itself): EFBIG 27, ENOSPC 28; EDQUOT is 122 on Linux and 69 on macOS.
    private static readonly int[] UnixErrors = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? new[] { 27, 28, 69 } : new[] { 27, 28, 122 };

    public static bool Is(Exception? failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is IOException io && (io.HResult is WindowsHandleDiskFull or WindowsDiskFull or WindowsQuota || (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && Array.IndexOf(UnixErrors, io.HResult) >= 0)))
            {
                return true;
            }
        }

        return false;
    }
}
