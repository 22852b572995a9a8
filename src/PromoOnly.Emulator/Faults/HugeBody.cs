using System.Buffers;
using System.Text.Json;

namespace PromoOnly.Emulator.Faults;

/// <summary>
/// A well-formed server list just over 2 MiB: every entry is valid, so the only reason for a
/// client to reject it is its response-size cap. Built lazily once, then shared.
/// </summary>
internal static class HugeBody
{
    private const int TargetBytes = 2 * 1024 * 1024;

    private static readonly Lazy<byte[]> Body = new(Build);

    public static byte[] Bytes => Body.Value;

    private static byte[] Build()
    {
        var buffer = new ArrayBufferWriter<byte>(TargetBytes + 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var id = 1; writer.BytesCommitted + writer.BytesPending < TargetBytes; id++)
            {
                writer.WriteStartObject();
                writer.WriteString("host", $"mirror{id}.promoonly.com");
                writer.WriteNumber("id", id);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
