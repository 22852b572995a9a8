using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Downloads;

/// <summary>
/// The <c>.partial</c> file a download streams into, with the SHA-256 of everything in it kept up to
/// date as bytes arrive, so the finished file never has to be read back. A leftover from an earlier
/// run is hashed once when opened and then continued. Local write failures surface as
/// <see cref="DownloadWriteException"/>, never as the network's IOException.
/// </summary>
internal sealed class PartialFile : IDisposable
{
    public const string Suffix = ".partial";

    private readonly FileStream _stream;
    private SHA256 _hash = SHA256.Create();

    private PartialFile(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    /// <summary>Bytes in the file, which is where the next byte goes.</summary>
    public long Length { get; private set; }

    /// <summary>The file's length as the answer that sent these bytes stated it; a later answer must agree.</summary>
    public long? AnnouncedTotal { get; set; }

    /// <summary>Opens (or creates) <paramref name="path"/> and hashes what an earlier run left in it.</summary>
    public static async Task<PartialFile> OpenAsync(string path, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DownloadWriteException($"Could not open '{path}' for writing: {ex.Message}", ex);
        }

        var partial = new PartialFile(path, stream);
        byte[] buffer = BufferPool.Rent();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                partial._hash.TransformBlock(buffer, 0, read, null, 0);
                partial.Length += read;
            }
        }
        catch
        {
            partial.Dispose();
            throw;
        }
        finally
        {
            BufferPool.Return(buffer);
        }

        return partial;
    }

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
            // The hash now holds bytes the file may not: the track fails here, and a later run re-hashes the file from disk.
            // .NET reports EFBIG (past a file-size limit) as ArgumentOutOfRange; the arguments themselves are always in range.
            throw WriteFailed(ex);
        }

        Length += count;
    }

    private DownloadWriteException WriteFailed(Exception ex) => ex is ArgumentOutOfRangeException
        ? new DownloadWriteException($"Could not write to '{Path}': the file may not grow past {Length} bytes there (a file-size limit).", ex, outOfRoom: true)
        : new DownloadWriteException($"Could not write to '{Path}': {ex.Message}", ex);

    /// <summary>Throws away what is there: the server would not continue it.</summary>
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

    /// <summary>Deletes the .partial at <paramref name="path"/> to give its space back; says what happened, for the error message.</summary>
    public static string RemoveForSpace(string path)
    {
        try
        {
            long length = new FileInfo(path).Length;
            File.Delete(path);
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
}

/// <summary>Writing the file failed locally (disk full, permissions): not the server's fault, not worth another mirror.</summary>
internal sealed class DownloadWriteException : IOException
{
    public DownloadWriteException(string message, Exception inner, bool outOfRoom = false)
        : base(message, inner)
    {
        OutOfRoom = outOfRoom || NoRoom.Is(inner);
    }

    /// <summary>The disk is full, or a quota or file-size limit was reached: the .partial only holds space the user needs back.</summary>
    public bool OutOfRoom { get; }
}
