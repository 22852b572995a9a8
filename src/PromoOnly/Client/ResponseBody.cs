using System;
using System.IO;
using System.IO.Compression;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Client;

/// <summary>
/// Reads an answer's body with a size cap and decodes it as a browser would: a byte-order mark
/// wins, then the charset the Content-Type declares, then UTF-8 (JSON's own default). A valid
/// answer in UTF-16 or with a BOM is therefore the same answer, not an InvalidApiResponse.
/// </summary>
internal static class ResponseBody
{
    private const int ChunkSize = 16 * 1024;

    public static async Task<string> ReadAsync(HttpResponseMessage response, Uri target, int maxBytes, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return string.Empty;
        }

        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw TooLarge(target, maxBytes);
        }

        // Disposing the response is what unblocks a stalled read on runtimes whose streams ignore tokens.
        using CancellationTokenRegistration abort = cancellationToken.Register(response.Dispose);
        using Stream raw = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using Stream stream = Decoded(raw, response.Content.Headers, target);
        using var buffer = new MemoryStream();
        byte[] chunk = RentChunk();
        int read;
        try
        {
            while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(target, maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            throw new PoolApiException(PoolErrorKind.InvalidResponse, $"The POOL API's gzip answer to {target.AbsolutePath} is corrupt; it was not read.");
        }
        finally
        {
            ReturnChunk(chunk);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Decode(buffer.GetBuffer(), (int)buffer.Length, response.Content.Headers.ContentType?.CharSet);
    }

    // A new 16 KiB array per answer was most of what a lookup allocated; .NET pools them.
    private static byte[] RentChunk() =>
#if NET
        System.Buffers.ArrayPool<byte>.Shared.Rent(ChunkSize);
#else
        new byte[ChunkSize];
#endif

    private static void ReturnChunk(byte[] chunk)
    {
#if NET
        System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
#endif
    }

    /// <summary>
    /// API answers are asked for with <c>Accept-Encoding: gzip</c> and unpacked here rather than by the
    /// shared handler, which would otherwise ask media hosts for gzip too (their bodies must arrive as
    /// sent: identity). The size cap above counts the unpacked bytes.
    /// </summary>
    private static Stream Decoded(Stream raw, System.Net.Http.Headers.HttpContentHeaders headers, Uri target)
    {
        string[] codings = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Where(headers.ContentEncoding, c => !string.Equals(c, "identity", StringComparison.OrdinalIgnoreCase)));
        if (codings.Length == 0)
        {
            return raw;
        }

        if (codings.Length == 1 && (string.Equals(codings[0], "gzip", StringComparison.OrdinalIgnoreCase) || string.Equals(codings[0], "x-gzip", StringComparison.OrdinalIgnoreCase)))
        {
            return new GZipStream(raw, CompressionMode.Decompress);
        }

        throw new PoolApiException(PoolErrorKind.InvalidResponse, $"The POOL API's answer to {target.AbsolutePath} is encoded as '{ServerText.Excerpt(string.Join(", ", codings))}', which was not asked for; it was not read.");
    }

    /// <summary>The text of <paramref name="length"/> bytes, without any BOM, by BOM, else <paramref name="charset"/>, else UTF-8.</summary>
    internal static string Decode(byte[] bytes, int length, string? charset)
    {
        (Encoding encoding, int bom) = FromBom(bytes, length) ?? (FromCharset(charset), 0);
        string text = encoding.GetString(bytes, bom, length - bom);

        // A declared UTF-8 body may still start with a BOM as U+FEFF once decoded by another path.
        return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
    }

    private static (Encoding Encoding, int Length)? FromBom(byte[] b, int n)
    {
        if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        {
            return (new UTF8Encoding(false), 3);
        }

        if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4);
        }

        if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        }

        if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2);
        }

        return null;
    }

    private static Encoding FromCharset(string? charset)
    {
        string name = (charset ?? string.Empty).Trim().Trim('"', '\'');
        if (name.Length == 0 || string.Equals(name, "utf-8", StringComparison.OrdinalIgnoreCase))
        {
            // The usual answer: no lookup (with the code-page provider registered, that takes a lock).
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            // A charset this runtime does not know (or garbage): JSON is UTF-8 unless told otherwise.
            return Encoding.UTF8;
        }
    }

    private static PoolApiException TooLarge(Uri target, int maxBytes) =>
        new(PoolErrorKind.InvalidResponse, $"The POOL API's answer to {target.AbsolutePath} is larger than {maxBytes / 1024} KiB; it was not read.");
}
