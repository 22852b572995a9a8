using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PromoOnly.Downloads;

/// <summary>
/// Opens an existing file for writing without following a link at its name, for the one file the
/// module appends to in place (the download record; every other file it writes is created new, which
/// never follows a link: O_EXCL / CREATE_NEW). Checking first and opening after leaves a moment in
/// which a link could be planted; the open itself refuses links where the platform lets it:
/// Windows opens the entry itself (FILE_FLAG_OPEN_REPARSE_POINT) and looks at what it got; Linux
/// and macOS on .NET pass O_NOFOLLOW. Elsewhere (Mono, unknown CPU flags) the check runs before and
/// after the open, which narrows that moment without closing it; README says so.
/// </summary>
internal static class NoFollowFile
{
    /// <param name="path">The file.</param>
    /// <param name="checkFirst">False only in tests: shows that the open itself refuses a link planted after any check.</param>
    public static FileStream OpenExisting(string path, bool checkFirst = true)
    {
        if (checkFirst && FolderEntry.Inspect(path) == EntryKind.Link)
        {
            throw LinkRefused(path);
        }

        if (FolderEntry.IsWindows)
        {
            return OpenOnWindows(path);
        }

        if (!IsMono && UnixNoFollowFlags() is { } flags)
        {
            try
            {
                return OpenOnUnix(path, flags);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // No libc by that name (an unusual distribution): the checked open below.
            }
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        if (FolderEntry.Inspect(path) == EntryKind.Link)
        {
            stream.Dispose();
            throw LinkRefused(path);
        }

        return stream;
    }

    public static DownloadWriteException LinkRefused(string path) =>
        new($"'{path}' is a symbolic link; Save-PromoTrack never writes through a link. Remove the link (the module recreates its own file)", new IOException(path));

    private static bool IsMono => Type.GetType("Mono.Runtime") is not null;

    private static FileStream OpenOnUnix(string path, int flags)
    {
        int fd = open(path, flags);
        if (fd < 0)
        {
            int errno = Marshal.GetLastWin32Error();
            if (FolderEntry.Inspect(path) == EntryKind.Link)
            {
                throw LinkRefused(path);
            }

            throw errno == 2 ? new FileNotFoundException($"Could not find file '{path}'.", path) : new IOException($"Could not open '{path}' (errno {errno}).");
        }

        return new FileStream(new SafeFileHandle((IntPtr)fd, ownsHandle: true), FileAccess.ReadWrite, bufferSize: 1);
    }

    /// <summary>O_RDWR | O_NOFOLLOW | O_CLOEXEC for this OS and CPU, or null where the values are not known here.</summary>
    private static int? UnixNoFollowFlags()
    {
        const int ReadWrite = 0x2;
        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return ReadWrite | 0x100 | 0x1000000;
        }

        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return null;
        }

        // The generic Linux value of O_NOFOLLOW is 0400000 (octal); ARM, ARM64 and PowerPC use 0100000.
        return RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 or Architecture.X86 => ReadWrite | 0x20000 | 0x80000,
            Architecture.Arm or Architecture.Arm64 => ReadWrite | 0x8000 | 0x80000,
            _ => null,
        };
    }

    private static FileStream OpenOnWindows(string path)
    {
        const uint GenericReadWrite = 0x80000000 | 0x40000000;
        const uint ShareAll = 0x1 | 0x2 | 0x4;
        const uint OpenExistingDisposition = 3;
        const uint OpenReparsePoint = 0x00200000;
        SafeFileHandle handle = CreateFileW(path, GenericReadWrite, ShareAll, IntPtr.Zero, OpenExistingDisposition, OpenReparsePoint, IntPtr.Zero);
        if (handle.IsInvalid)
        {
            int error = Marshal.GetLastWin32Error();
            handle.Dispose();
            throw error == 2 ? new FileNotFoundException($"Could not find file '{path}'.", path) : new IOException($"Could not open '{path}' (Windows error {error}).");
        }

        // FILE_FLAG_OPEN_REPARSE_POINT opened the link itself if one was planted: refuse it rather than write into it.
        bool known = GetFileInformationByHandleEx(handle, 9, out AttributeTagInfo info, 8);
        if (!known || (info.Attributes & 0x400) == 0)
        {
            return known ? new FileStream(handle, FileAccess.ReadWrite, bufferSize: 1, isAsync: false) : Refuse(handle, path);
        }

        if (info.ReparseTag is 0xA000000C or 0xA0000003)
        {
            return Refuse(handle, path);
        }

        // Another kind of reparse point (a OneDrive placeholder, say) is an ordinary file: open it the usual way, so it is recalled.
        handle.Dispose();
        return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
    }

    private static FileStream Refuse(SafeFileHandle handle, string path)
    {
        handle.Dispose();
        throw LinkRefused(path);
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int open(string path, int flags);

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern SafeFileHandle CreateFileW(string name, uint access, uint share, IntPtr security, uint disposition, uint flags, IntPtr template);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool GetFileInformationByHandleEx(SafeFileHandle handle, int infoClass, out AttributeTagInfo info, int size);

    /// <summary>FILE_ATTRIBUTE_TAG_INFO.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct AttributeTagInfo
    {
        public uint Attributes;
        public uint ReparseTag;
    }
}
