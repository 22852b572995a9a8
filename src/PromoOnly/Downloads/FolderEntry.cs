using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PromoOnly.Downloads;

/// <summary>What a name in the download folder is, without following it.</summary>
internal enum EntryKind
{
    Missing,
    File,
    Directory,

    /// <summary>A symbolic link or junction, dangling or not: never written through, never taken for the module's own file.</summary>
    Link,
}

/// <summary>
/// Looks at folder entries the way lstat does: <see cref="File.GetAttributes"/> reports the link
/// itself (ReparsePoint) on .NET and on the .NET Framework alike, for dangling links too. On Windows a
/// reparse point is a link only when its tag says so: OneDrive placeholders and deduplicated files are
/// reparse points as well, and they are ordinary files to the user.
/// </summary>
internal static class FolderEntry
{
    private const uint SymlinkTag = 0xA000000C;
    private const uint MountPointTag = 0xA0000003;

    public static EntryKind Inspect(string path)
    {
        FileAttributes attributes;
        try
        {
            attributes = File.GetAttributes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return EntryKind.Missing;
        }

        if ((attributes & FileAttributes.ReparsePoint) != 0 && IsLinkReparsePoint(path))
        {
            return EntryKind.Link;
        }

        return (attributes & FileAttributes.Directory) != 0 ? EntryKind.Directory : EntryKind.File;
    }

    /// <summary>Deletes one of the module's own small files (a note, a moved-aside copy) or a link at its name; best effort.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            if (Inspect(path) is EntryKind.File or EntryKind.Link)
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover note or copy is harmless: a later run ignores what it cannot tie to a track.
        }
    }

    /// <summary>Marks one of the module's own files hidden on Windows (a leading dot hides it everywhere else); best effort.</summary>
    public static void Hide(string path)
    {
        if (!IsWindows)
        {
            return;
        }

        try
        {
            File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.Hidden);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only cosmetic: the file works the same when visible.
        }
    }

    /// <summary>Clears the hidden mark a partial file carried, once it is the user's file under its final name (Windows); best effort.</summary>
    public static void Unhide(string path)
    {
        if (!IsWindows)
        {
            return;
        }

        try
        {
            FileAttributes attributes = File.GetAttributes(path);
            if ((attributes & FileAttributes.Hidden) != 0)
            {
                File.SetAttributes(path, attributes & ~FileAttributes.Hidden);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The file is complete either way; Explorer just would not show it without "hidden items".
        }
    }

    public static bool IsWindows => Path.DirectorySeparatorChar == '\\';

    private static bool IsLinkReparsePoint(string path)
    {
        if (!IsWindows)
        {
            return true;
        }

        try
        {
            using SafeFindHandle found = FindFirstFileW(path, out FindData data);
            if (found.IsInvalid)
            {
                return true;
            }

            return data.Reserved0 is SymlinkTag or MountPointTag;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return true;
        }
    }

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern SafeFindHandle FindFirstFileW(string fileName, out FindData data);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool FindClose(IntPtr handle);

    /// <summary>WIN32_FIND_DATAW; for a reparse point, dwReserved0 holds its tag.</summary>
    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    private struct FindData
    {
        public uint Attributes;
        public uint CreationLow;
        public uint CreationHigh;
        public uint AccessLow;
        public uint AccessHigh;
        public uint WriteLow;
        public uint WriteHigh;
        public uint SizeHigh;
        public uint SizeLow;
        public uint Reserved0;
        public uint Reserved1;
        [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 260)]
        public string FileName;
        [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 14)]
        public string AlternateFileName;
    }

    private sealed class SafeFindHandle : Microsoft.Win32.SafeHandles.SafeHandleZeroOrMinusOneIsInvalid
    {
        public SafeFindHandle()
            : base(ownsHandle: true)
        {
        }

        protected override bool ReleaseHandle() => FindClose(handle);
    }
}
