using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Downloads;

/// <summary>
/// The <c>.promoonly-{trackid}.partial</c> file a download streams into, with the SHA-256 of everything
/// in it kept up to date as bytes arrive, so the finished file never has to be read back. The name
/// starts with a dot, which no cleaned server name can (see <see cref="FileNames.Sanitize"/>), and
/// holds the track id, so no other track's file can ever be taken for it. Beside it,
/// <c>.promoonly-{trackid}.resume</c> keeps the validator (ETag, else Last-Modified) of the answer
/// that started it; a partial without one (or naming another track) is never continued by a later run.
/// Every byte goes into a file this object created itself (CreateNew, which never follows a link):
/// what an earlier run left is moved aside, copied into the new file and hashed on the way, so no
/// link or foreign file planted at the name is ever written into. Local write failures surface as
/// <see cref="DownloadWriteException"/>, never as the network's IOException.
/// </summary>
internal sealed class PartialFile : IDisposable
{
    public const string Suffix = ".partial";

    private readonly FileStream _stream;
    private readonly string _resumePath;
    private readonly long _trackId;
    private SHA256 _hash = SHA256.Create();

    private PartialFile(string path, FileStream stream, long trackId, string? validator)
    {
        Path = path;
        _stream = stream;
        _trackId = trackId;
        _resumePath = ResumeNote.PathFor(System.IO.Path.GetDirectoryName(path)!, trackId);
        Validator = validator;
    }

    public string Path { get; }

    /// <summary>Bytes in the file, which is where the next byte goes.</summary>
    public long Length { get; private set; }

    /// <summary>The file's length as the answer that sent these bytes stated it; a later answer must agree.</summary>
    public long? AnnouncedTotal { get; set; }

    /// <summary>The strong ETag (quoted) or Last-Modified date (RFC 1123) of the answer that started these bytes; null if it had none.</summary>
    public string? Validator { get; private set; }

    /// <summary>The dl_token whose answer started these bytes, when that happened in this run (never stored).</summary>
    public string? StartedWith { get; private set; }

    /// <summary>What became of an earlier run's file, for a Verbose line; null when there was none.</summary>
    public string? Inherited { get; private set; }

    public static string PathFor(string folder, long trackId) =>
        System.IO.Path.Combine(folder, ".promoonly-" + trackId.ToString(CultureInfo.InvariantCulture) + Suffix);

    /// <summary>Creates the track's partial file, carrying over what an earlier run left when it provably belongs to this track.</summary>
    public static async Task<PartialFile> OpenAsync(string folder, long trackId, CancellationToken cancellationToken)
    {
        string path = PathFor(folder, trackId);
        string? aside = null;
        string? validator = null;
        string? inherited = null;
        try
        {
            switch (FolderEntry.Inspect(path))
            {
                case EntryKind.Directory:
                    throw new DownloadWriteException($"'{path}' is a folder, where this track's unfinished download goes: remove it", new IOException(path));
                case EntryKind.Link:
                    File.Delete(path);
                    inherited = "a link at its .partial name was removed (never followed)";
                    break;
                case EntryKind.File when ResumeNote.Read(folder, trackId) is { } known:
                    validator = known;
                    aside = path + "." + Guid.NewGuid().ToString("N") + ".old";
                    File.Move(path, aside);
                    break;
                case EntryKind.File:
                    File.Delete(path);
                    inherited = "the .partial file of an earlier run was discarded: nothing says which answer started it, so it cannot be continued safely";
                    break;
            }

#if NET8_0_OR_GREATER
            // Every write is a positioned one on the store thread (WriteAsync), so the handle is a synchronous one.
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1, useAsync: false);
#else
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1, useAsync: true);
#endif
            FolderEntry.Hide(path);
            var partial = new PartialFile(path, stream, trackId, validator) { Inherited = inherited };
            if (aside is not null)
            {
                try
                {
                    await partial.CarryOverAsync(aside, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    partial.Dispose();
                    throw;
                }
            }

            return partial;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not DownloadWriteException)
        {
            throw new DownloadWriteException($"Could not open '{path}' for writing: {ex.Message}", ex);
        }
        finally
        {
            if (aside is not null)
            {
                FolderEntry.TryDelete(aside);
            }
        }
    }

    /// <summary>Removes the track's partial file if it holds nothing, and its resume note whenever the partial is gone.</summary>
    public static void RemoveLeftovers(string folder, long trackId)
    {
        string path = PathFor(folder, trackId);
        try
        {
            if (FolderEntry.Inspect(path) == EntryKind.File && new FileInfo(path).Length == 0)
            {
                File.Delete(path);
            }

            if (FolderEntry.Inspect(path) == EntryKind.Missing)
            {
                FolderEntry.TryDelete(ResumeNote.PathFor(folder, trackId));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Leaving an empty file behind is harmless.
        }
    }

    /// <summary>A server's answer starts the file from its first byte: remember how to ask for the rest of this very answer later.</summary>
    public void Begin(string? validator, string dlToken)
    {
        Validator = validator;
        StartedWith = dlToken;
        ResumeNote.Write(_resumePath, _trackId, validator);
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// Appends <paramref name="count"/> bytes with one positioned write, then hashes them, all on the calling
    /// (store) thread: the reader never waits for either (<see cref="WriteBehind"/>), and no second hop to the
    /// thread pool is spent per buffer, as FileStream's asynchronous writes on Unix take.
    /// </summary>
    public Task WriteAsync(byte[] buffer, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            RandomAccess.Write(_stream.SafeFileHandle, new ReadOnlySpan<byte>(buffer, 0, count), Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentOutOfRangeException)
        {
            // .NET reports EFBIG (past a file-size limit) as ArgumentOutOfRange; the arguments themselves are always in range.
            throw WriteFailed(ex);
        }

        _hash.TransformBlock(buffer, 0, count, null, 0);
        Length += count;
        return Task.CompletedTask;
    }
#else
    /// <summary>Appends <paramref name="count"/> bytes, hashing them while the disk write runs.</summary>
    public async Task WriteAsync(byte[] buffer, int count, CancellationToken cancellationToken)
    {
        Task write;
        try
        {
            write = _stream.WriteAsync(buffer, 0, count, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentOutOfRangeException)
        {
            // .NET reports EFBIG (past a file-size limit) as ArgumentOutOfRange; the arguments themselves are always in range.
            throw WriteFailed(ex);
        }

        _hash.TransformBlock(buffer, 0, count, null, 0);
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentOutOfRangeException)
        {
            // The hash now holds bytes the file may not: the track fails here, and a later run starts from what is on disk.
            throw WriteFailed(ex);
        }

        Length += count;
    }
#endif

    private DownloadWriteException WriteFailed(Exception ex) => ex is ArgumentOutOfRangeException
        ? new DownloadWriteException($"Could not write to '{Path}': the file may not grow past {Length} bytes there (a file-size limit).", ex, outOfRoom: true)
        : new DownloadWriteException($"Could not write to '{Path}': {ex.Message}", ex);

    /// <summary>Throws away what is there: the server would not continue it, or nothing proves it is the same file.</summary>
    public void Restart()
    {
        try
        {
            _stream.SetLength(0);
            _stream.Position = 0;
        }
        catch (IOException ex)
        {
            throw new DownloadWriteException($"Could not truncate '{Path}': {ex.Message}", ex);
        }

        _hash.Dispose();
        _hash = SHA256.Create();
        Length = 0;
        AnnouncedTotal = null;
        Validator = null;
        StartedWith = null;
        FolderEntry.TryDelete(_resumePath);
    }

    /// <summary>
    /// Hands the last bytes to the operating system and returns the lowercase hex SHA-256 of the whole file.
    /// No fsync: it cost a third of a large download's time, and no downloader a user compares us with
    /// (curl, wget, Invoke-WebRequest, browsers) pays it. Ctrl+C, a crash or a dropped connection still
    /// never leave a half file under the final name (.partial, then rename); after a power cut that
    /// the file system did not survive, the record's length check has the next run download it again.
    /// </summary>
    public async Task<string> CompleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new DownloadWriteException($"Could not finish writing '{Path}': {ex.Message}", ex);
        }

        _hash.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
        return Hex(_hash.Hash!);
    }

    /// <summary>Deletes the .partial at <paramref name="path"/> (and its resume note) to give its space back; says what happened, for the error message.</summary>
    public static string RemoveForSpace(string path)
    {
        try
        {
            long length = new FileInfo(path).Length;
            File.Delete(path);
            FolderEntry.TryDelete(ResumeNote.Beside(path));
            return $"The incomplete download '{System.IO.Path.GetFileName(path)}' was removed to give its {length} bytes back.";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"The incomplete download '{System.IO.Path.GetFileName(path)}' could not be removed ({ex.Message}); delete it to free its space.";
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _hash.Dispose();
    }

    internal static string Hex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            chars[(2 * i) + 1] = "0123456789abcdef"[bytes[i] & 0xF];
        }

        return new string(chars);
    }

    /// <summary>Copies an earlier run's bytes (moved aside to <paramref name="aside"/>) into this new file, hashing them once.</summary>
    private async Task CarryOverAsync(string aside, CancellationToken cancellationToken)
    {
        if (FolderEntry.Inspect(aside) != EntryKind.File)
        {
            Validator = null;
            return;
        }

        byte[] buffer = BufferPool.Rent();
        try
        {
            using var source = new FileStream(aside, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
            int read;
            while ((read = await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await WriteAsync(buffer, read, cancellationToken).ConfigureAwait(false);
            }

            Inherited = $"{Length} bytes from an earlier run are in '{System.IO.Path.GetFileName(Path)}'; asking to continue from there";
        }
        finally
        {
            BufferPool.Return(buffer);
        }
    }
}
