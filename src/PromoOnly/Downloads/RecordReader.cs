using System;
using System.Globalization;
using System.IO;
using System.Text;
using Newtonsoft.Json;

namespace PromoOnly.Downloads;

/// <summary>
/// Reads download-record lines from a stream in fixed buffers: a line longer than
/// <see cref="MaxLineBytes"/> is skipped without being held (a 100 MB line once cost 1.3 GB), and a
/// line that is not a record entry (damaged, hand-edited, cut short by a crash, naming a path or a
/// name no file system accepts) is ignored like any unreadable line: its track is just saved again.
/// </summary>
internal static class RecordReader
{
    /// <summary>A real line is a few hundred bytes: a 200-character name and the track's metadata.</summary>
    public const int MaxLineBytes = 16 * 1024;

    private const int MaxTextLength = 1000;

    /// <summary>
    /// Reads from the stream's position to its end, passing each entry to <paramref name="entry"/>,
    /// and returns the offset just past the last complete line (a line still being appended is read
    /// again from there next time). <paramref name="lines"/> counts the complete lines read.
    /// </summary>
    public static long Read(Stream stream, Action<RecordEntry> entry, ref int lines)
    {
        byte[] buffer = new byte[64 * 1024];
        byte[] line = new byte[MaxLineBytes];
        int length = 0;
        bool overlong = false;
        long position = stream.Position;
        long complete = position;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            int start = 0;
            while (start < read)
            {
                int end = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                int take = (end < 0 ? read : end) - start;
                if (!overlong && length + take <= line.Length)
                {
                    Buffer.BlockCopy(buffer, start, line, length, take);
                    length += take;
                }
                else
                {
                    overlong = true;
                }

                if (end < 0)
                {
                    break;
                }

                if (!overlong && Parse(line, length) is { } parsed)
                {
                    entry(parsed);
                }

                lines++;
                length = 0;
                overlong = false;
                start = end + 1;
                complete = position + start;
            }

            position += read;
        }

        // A last line without its newline: read now, and again once it is finished.
        if (!overlong && length > 0 && Parse(line, length) is { } last)
        {
            entry(last);
        }

        return complete;
    }

    /// <summary>True for a name that is one plain entry in a folder on every platform the module runs on.</summary>
    public static bool IsPlainFileName(string name)
    {
        if (name.Length is 0 or > 255 || name == "." || name == ".." || name.EndsWith(".", StringComparison.Ordinal) || name.EndsWith(" ", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c < ' ' || c == 127 || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|')
            {
                return false;
            }
        }

        return true;
    }

    private static RecordEntry? Parse(byte[] bytes, int count)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, count);
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (text.Trim().Length == 0)
        {
            return null;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal, MaxDepth = 4 };
            return reader.Read() && reader.TokenType == JsonToken.StartObject ? ReadEntry(reader) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static RecordEntry? ReadEntry(JsonTextReader reader)
    {
        long? id = null, length = null;
        string? file = null, sha = null, savedAt = null, artist = null, title = null, mix = null;
        bool acknowledged = false;
        PendingSignal? pending = null;
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            string name = (string)reader.Value!;
            reader.Read();
            if (name != "pending" && reader.TokenType is JsonToken.StartObject or JsonToken.StartArray)
            {
                reader.Skip();
                continue;
            }

            switch (name)
            {
                case "trackId": id = reader.Value as long?; break;
                case "length": length = reader.Value as long?; break;
                case "file": file = reader.Value as string; break;
                case "sha256": sha = reader.Value as string; break;
                case "savedAt": savedAt = reader.Value as string; break;
                case "artist": artist = reader.Value as string; break;
                case "title": title = reader.Value as string; break;
                case "mix": mix = reader.Value as string; break;
                case "acknowledged": acknowledged = reader.Value is true; break;
                case "pending": pending = ReadPending(reader); break;
                default: reader.Skip(); break;
            }
        }

        // Anything after the object, or an object that did not close, is not a line this module wrote.
        if (reader.TokenType != JsonToken.EndObject || reader.Read())
        {
            return null;
        }

        if (id is not > 0 || length is not >= 0 || file is null || !IsPlainFileName(file))
        {
            return null;
        }

        DateTime.TryParse(savedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime saved);
        return new RecordEntry(id.Value, file, length.Value, sha ?? string.Empty, saved)
        {
            Artist = Bounded(artist),
            Title = Bounded(title),
            Mix = Bounded(mix),
            Acknowledged = acknowledged,
            Pending = acknowledged ? null : pending,
        };
    }

    private static PendingSignal? ReadPending(JsonTextReader reader)
    {
        if (reader.TokenType != JsonToken.StartObject)
        {
            reader.Skip();
            return null;
        }

        long? serverId = null;
        string? token = null;
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            string name = (string)reader.Value!;
            reader.Read();
            switch (name)
            {
                case "serverId": serverId = reader.Value as long?; break;
                case "dlToken": token = reader.Value as string; break;
                default: reader.Skip(); break;
            }
        }

        return serverId is > 0 and <= int.MaxValue && token is { Length: > 0 and <= 400 } ? new PendingSignal((int)serverId.Value, token) : null;
    }

    private static string Bounded(string? text) =>
        text is null ? string.Empty : text.Length <= MaxTextLength ? text : text.Substring(0, MaxTextLength);
}
