using System;
using System.Globalization;
using System.IO;
using Newtonsoft.Json.Linq;
using PromoOnly.Client;

namespace PromoOnly.Downloads;

/// <summary>
/// <c>.promoonly-{trackid}.resume</c>, beside a track's .partial file: the validator (ETag, else
/// Last-Modified) of the answer that started its bytes, and the track it belongs to. A partial
/// without a note that names its track is never continued, so bytes of another answer (or another
/// track) can never be spliced into a file.
/// </summary>
internal static class ResumeNote
{
    private const string Suffix = ".resume";
    private const int MaxBytes = 4096;

    public static string PathFor(string folder, long trackId) =>
        Path.Combine(folder, ".promoonly-" + trackId.ToString(CultureInfo.InvariantCulture) + Suffix);

    /// <summary>The note that goes with the .partial at <paramref name="partialPath"/>.</summary>
    public static string Beside(string partialPath) => Path.ChangeExtension(partialPath, Suffix);

    /// <summary>Replaces the note at <paramref name="path"/>: none when the answer had no validator.</summary>
    public static void Write(string path, long trackId, string? validator)
    {
        FolderEntry.TryDelete(path);
        if (validator is null)
        {
            return;
        }

        try
        {
            string note = new JObject { ["trackId"] = trackId, ["validator"] = validator }.ToString(Newtonsoft.Json.Formatting.None);
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                byte[] bytes = System.Text.Encoding.UTF8.GetBytes(note);
                stream.Write(bytes, 0, bytes.Length);
            }

            FolderEntry.Hide(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without the note a later run starts over instead of continuing: slower, never wrong.
        }
    }

    /// <summary>The validator an earlier run noted for this track's partial, if the note is there, plain, small and about this track.</summary>
    public static string? Read(string folder, long trackId)
    {
        string path = PathFor(folder, trackId);
        try
        {
            if (FolderEntry.Inspect(path) != EntryKind.File || new FileInfo(path).Length > MaxBytes)
            {
                return null;
            }

            JObject? note = StrictJson.TryParseObject(File.ReadAllText(path));
            return note?["trackId"] is JValue { Type: JTokenType.Integer } id && (long)id == trackId
                && note["validator"] is JValue { Type: JTokenType.String } validator && ((string)validator!).Length is > 0 and <= 512
                ? (string)validator!
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
