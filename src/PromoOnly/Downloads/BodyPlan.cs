using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;

namespace PromoOnly.Downloads;

/// <summary>
/// What a 200 or 206 media answer promises about the body that follows, checked before a byte is
/// written: where the file continues, where this body must end, and whether the end can be proven.
/// A file is whole only when its length is proven: by Content-Length, by a Content-Range end and
/// total (never <c>bytes N-M/*</c>), or by chunked (HTTP/2: stream) framing; a body that simply
/// stops is never taken for a complete one.
/// </summary>
internal sealed class BodyPlan
{
    private BodyPlan(bool resumed, long? total, long? endAt, bool framed, long limit)
    {
        Resumed = resumed;
        Total = total;
        EndAt = endAt;
        Framed = framed;
        Limit = limit;
    }

    /// <summary>A 206 that continues the bytes already in the file.</summary>
    public bool Resumed { get; }

    /// <summary>The whole file's length, when the answer states it.</summary>
    public long? Total { get; }

    /// <summary>The file's length once this body is all there, when the answer states it.</summary>
    public long? EndAt { get; }

    /// <summary>The transport frames the end of the body (chunked, HTTP/2), so a cut shows as an error.</summary>
    public bool Framed { get; }

    /// <summary>The most bytes the file may hold after this body.</summary>
    public long Limit { get; }

    /// <summary>
    /// The plan for an answer with <paramref name="status"/> to a request from <paramref name="offset"/>,
    /// or why the answer cannot be used (<paramref name="refusal"/>; <paramref name="restart"/> when the
    /// file's bytes must be thrown away because the answer does not continue them).
    /// </summary>
    public static BodyPlan? For(int status, long offset, HttpResponseMessage response, long? announcedTotal, long maxFileSize, out TransferResult? refusal, out bool restart)
    {
        refusal = null;
        restart = false;
        HttpContentHeaders headers = response.Content.Headers;
        bool framed = response.Headers.TransferEncodingChunked == true || response.Version.Major >= 2;
        if (headers.ContentEncoding.Any(e => !string.Equals(e, "identity", System.StringComparison.OrdinalIgnoreCase)))
        {
            refusal = new TransferResult(TransferStatus.MirrorFailed, $"the mirror sent a body with Content-Encoding '{string.Join(", ", headers.ContentEncoding)}' though only identity was asked for, so its size could not be checked");
            return null;
        }

        if (status == 200)
        {
            restart = offset > 0;
            long? length = headers.ContentLength;
            return TooLarge(length, maxFileSize, out refusal) ? null : new BodyPlan(false, length, length, framed, length ?? maxFileSize);
        }

        if (offset == 0 || headers.ContentRange is not { HasRange: true, Unit: "bytes" } range || range.From != offset)
        {
            return Restart("the mirror answered 206 with a Content-Range that does not continue the file; starting over", out refusal, out restart);
        }

        if (range.Length is not { } total)
        {
            return Restart($"the mirror's 206 does not state the file's length (bytes {offset}-{range.To}/*), so the file could not be proven whole; starting over without Range", out refusal, out restart);
        }

        long end = range.To!.Value;
        if (end < offset || end >= total)
        {
            return Restart($"the mirror's Content-Range (bytes {offset}-{end}/{total}) contradicts itself; starting over", out refusal, out restart);
        }

        if (announcedTotal is { } earlier && earlier != total)
        {
            return Restart($"the mirror says the file is {total} bytes, but the answer that started it said {earlier}; starting over", out refusal, out restart);
        }

        if (headers.ContentLength is { } declared && declared != end - offset + 1)
        {
            return Restart($"the mirror's Content-Length ({declared}) disagrees with its Content-Range (bytes {offset}-{end}/{total}); starting over", out refusal, out restart);
        }

        return TooLarge(total, maxFileSize, out refusal) ? null : new BodyPlan(true, total, end + 1, framed, end + 1);
    }

    /// <summary>How a body that ended cleanly leaves the file: whole only when its length is proven.</summary>
    public TransferResult Ending(long length, string? name, string? contentType)
    {
        if (EndAt is { } end && length != end)
        {
            return new TransferResult(TransferStatus.Cut, $"the body ended after {length} of {end} bytes", Resumed, name, contentType);
        }

        if (Total is { } total && length < total)
        {
            // A 206 for part of the rest: what came is right, and the next request continues after it.
            return new TransferResult(TransferStatus.Cut, $"the mirror sent bytes up to {length} of {total}; continuing from there", Resumed, name, contentType);
        }

        if (EndAt is null && !Framed)
        {
            return new TransferResult(TransferStatus.MirrorFailed, $"the mirror sent {length} bytes with neither a Content-Length nor chunked framing, so a cut body could not be told from a whole one", Resumed, name, contentType);
        }

        return new TransferResult(TransferStatus.Complete, "complete", Resumed, name, contentType);
    }

    private static bool TooLarge(long? length, long maxFileSize, out TransferResult? refusal)
    {
        refusal = length > maxFileSize
            ? new TransferResult(TransferStatus.Invalid, $"the mirror announces a file of {length} bytes, more than the limit of {maxFileSize} bytes (-MaxFileSize raises it)")
            : null;
        return refusal is not null;
    }

    private static BodyPlan? Restart(string why, out TransferResult? refusal, out bool restart)
    {
        restart = true;
        refusal = new TransferResult(TransferStatus.Cut, why);
        return null;
    }
}
