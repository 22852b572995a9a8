using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace PromoOnly.Downloads;

/// <summary>
/// The folder's lock file, <c>.promoonly-downloads.lock</c>, held (briefly) by whoever appends to or
/// compacts the download record and by whoever takes or gives up a <see cref="TrackClaim"/>, in this
/// process or another. An exclusive open is the lock: share modes on Windows, flock under .NET and
/// Mono on Unix, both released by the system when a process dies. The file holds no bytes and is
/// never written, so even a link planted after the check below could not be written through.
/// On Windows it is hidden and removed after each use (a file that is open cannot be deleted
/// there, so removing it races with no one). On Unix it stays: a leading dot hides it, and removing
/// a lock file there lets a process that opened it a moment before lock a file no one else sees.
/// </summary>
internal static class FolderLock
{
    public const string FileName = ".promoonly-downloads.lock";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Waits (up to 30 s) for the folder lock and holds it until the result is disposed.</summary>
    public static IDisposable Acquire(string folder)
    {
        string path = Path.Combine(folder, FileName);
        var clock = Stopwatch.StartNew();
        for (int wait = 2; ; wait = Math.Min(wait * 2, 100))
        {
            if (TryOpenExclusive(path) is { } held)
            {
                return new Held(held, path);
            }

            if (clock.Elapsed > Patience)
            {
                throw new IOException($"'{path}' stayed locked by another process for {Patience.TotalSeconds:0} s");
            }

            Thread.Sleep(wait);
        }
    }

    /// <summary>
    /// Opens (creating if need be) <paramref name="path"/> for this process alone, or returns null when
    /// someone else holds it. A link at the name is removed (the link, not what it points to): the name
    /// belongs to the module, a link there was planted.
    /// </summary>
    public static FileStream? TryOpenExclusive(string path)
    {
        try
        {
            // CreateNew never follows a link (O_EXCL, CREATE_NEW): it fails if anything is at the name.
            var created = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            FolderEntry.Hide(path);
            return created;
        }
        catch (IOException) when (FolderEntry.Inspect(path) != EntryKind.Missing)
        {
        }
        catch (UnauthorizedAccessException) when (FolderEntry.IsWindows && FolderEntry.Inspect(path) != EntryKind.Missing)
        {
            // Windows refuses to create a file over one that is being deleted: busy, like a held lock.
            return null;
        }

        switch (FolderEntry.Inspect(path))
        {
            case EntryKind.Missing:
                return null;
            case EntryKind.Link:
                File.Delete(path);
                return null;
            case EntryKind.Directory:
                throw new DownloadWriteException($"'{path}' is a folder, where Save-PromoTrack keeps a lock file: remove it", new IOException(path));
        }

        try
        {
            // Read-only: nothing is ever written to a lock file, so nothing can be written through one.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException) when (FolderEntry.IsWindows)
        {
            return null;
        }
    }

    /// <summary>Closes a lock file and, where that is safe (see the class), removes it.</summary>
    public static void Release(FileStream held, string path, bool remove)
    {
        held.Dispose();
        if (!remove)
        {
            return;
        }

        try
        {
            if (FolderEntry.Inspect(path) == EntryKind.File)
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Someone opened it meanwhile and now holds it; they remove it in turn.
        }
    }

    private sealed class Held : IDisposable
    {
        private readonly FileStream _stream;
        private readonly string _path;

        public Held(FileStream stream, string path)
        {
            _stream = stream;
            _path = path;
        }

        public void Dispose() => Release(_stream, _path, remove: FolderEntry.IsWindows);
    }
}
