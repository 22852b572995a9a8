using System.Security.Cryptography;

namespace PromoOnly.Emulator.Media;

/// <summary>
/// The bytes of a track's file: a pseudo-random block seeded by the track id, repeated. Any range
/// can be produced without storing anything, and the block length (a prime past 64 KiB) keeps a
/// client's buffer boundaries from lining up with the pattern, so a misplaced resume shows in the hash.
/// </summary>
internal static class MediaContent
{
    private const int BlockLength = 65_537;

    /// <summary>The repeated block; a watermarked track's <paramref name="variant"/> (1, 2, …) seeds a block of its own.</summary>
    public static byte[] Block(int trackId, int variant = 0)
    {
        var block = new byte[BlockLength];
        ulong state = ((ulong)trackId * 0x9E3779B97F4A7C15UL) + 1 + ((ulong)variant * 0xD1B54A32D192ED03UL);
        for (int i = 0; i < block.Length; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            block[i] = (byte)state;
        }

        return block;
    }

    /// <summary>Fills <paramref name="buffer"/> with the file's bytes starting at <paramref name="offset"/>.</summary>
    public static void Fill(byte[] block, long offset, Span<byte> buffer)
    {
        int start = (int)(offset % BlockLength);
        int written = 0;
        while (written < buffer.Length)
        {
            int take = Math.Min(buffer.Length - written, BlockLength - start);
            block.AsSpan(start, take).CopyTo(buffer[written..]);
            written += take;
            start = 0;
        }
    }

    /// <summary>Lowercase hex SHA-256 of the whole file, for tests to compare with what a client saved.</summary>
    public static string Sha256(MediaTrack track, int variant = 0)
    {
        byte[] block = Block(track.TrackId, variant);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[256 * 1024];
        for (long offset = 0; offset < track.Size; offset += buffer.Length)
        {
            int length = (int)Math.Min(buffer.Length, track.Size - offset);
            Fill(block, offset, buffer.AsSpan(0, length));
            hash.AppendData(buffer, 0, length);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
