using System;
using System.Globalization;
using System.Text;
using PromoOnly.Client;

namespace PromoOnly.Downloads;

/// <summary>
/// File names for saved tracks: the server's Content-Disposition name when it sent one, else
/// "Artist - Title (Mix).ext" from the queue metadata. Every name is sanitised for Windows and Unix
/// alike, because it comes from the network: no separators or "..", no characters Windows refuses,
/// no device names (superscript-digit forms included), no zero-width characters, no trailing dots or spaces, at most <see cref="MaxLength"/> characters. Letters
/// of any script are kept: accented artist names are normal in this catalogue.
/// </summary>
internal static class FileNames
{
    public const int MaxLength = 200;

    // How much of a name is searched for secrets: more than a name keeps, so a secret that straddles the cut is found whole.
    private const int MaskedLength = 8192;

    private static readonly string[] DeviceNames =
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",

        // Windows also reserves the superscript digits: "COM¹.mp3" opens a serial port, not a file.
        "COM\u00B9", "COM\u00B2", "COM\u00B3", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3",
    };

    /// <summary>"Artist - Title (Mix).ext"; the extension from file_type ("320 mp3"), else the content type, else ".bin".</summary>
    public static string FromMetadata(QueuedTrack track, string? contentType)
    {
        var stem = new StringBuilder();
        stem.Append(track.Artist.Trim().Length > 0 ? track.Artist.Trim() : "Track " + track.TrackId.ToString(CultureInfo.InvariantCulture));
        if (track.Title.Trim().Length > 0)
        {
            stem.Append(" - ").Append(track.Title.Trim());
        }

        if (track.Mix.Trim().Length > 0)
        {
            stem.Append(" (").Append(track.Mix.Trim()).Append(')');
        }

        return Sanitize(stem + Extension(track.FileType, contentType), track.TrackId);
    }

    /// <summary>The extension with its dot: the last word of file_type when it looks like one, else from the content type.</summary>
    public static string Extension(string fileType, string? contentType)
    {
        string[] words = fileType.Trim().Split(' ');
        string last = words[words.Length - 1].TrimStart('.').ToLowerInvariant();
        if (last.Length is > 0 and <= 5 && IsAsciiLetterOrDigit(last) && !IsDigits(last))
        {
            return "." + last;
        }

        string type = (contentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        return type switch
        {
            "audio/mpeg" or "audio/mp3" => ".mp3",
            "audio/mp4" or "audio/x-m4a" or "audio/aac" => ".m4a",
            "audio/wav" or "audio/x-wav" or "audio/wave" => ".wav",
            "video/mp4" => ".mp4",
            _ => ".bin",
        };
    }

    /// <summary>A name that is safe as one path segment on Windows and Unix; never empty, never leaves the folder.</summary>
    public static string Sanitize(string name, long trackId)
    {
        // A host that quotes the request's Authorization header in its file name would put the token on
        // disk, in the record and in the Saved result: the name is masked like any quoted server text.
        name = LiveSecrets.Mask(name.Length <= MaskedLength ? name : name.Substring(0, MaskedLength));
        var builder = new StringBuilder(Math.Min(name.Length, 1024));
        foreach (char c in name.Normalize(NormalizationForm.FormC))
        {
            if (IsZeroWidth(c))
            {
                continue;
            }

            builder.Append(IsForbidden(c) ? '_' : c);
            if (builder.Length >= 1024)
            {
                break;
            }
        }

        string clean = builder.ToString().Trim().TrimStart('.').Trim().TrimEnd('.', ' ');
        int dot = clean.LastIndexOf('.');
        string stem = dot > 0 ? clean.Substring(0, dot) : clean;
        string extension = dot > 0 && clean.Length - dot <= 10 ? clean.Substring(dot) : string.Empty;
        if (dot > 0 && extension.Length == 0)
        {
            stem = clean;
        }

        stem = stem.TrimEnd('.', ' ');
        if (stem.Length == 0)
        {
            stem = "Track " + trackId.ToString(CultureInfo.InvariantCulture);
        }

        string device = stem.Split('.')[0].TrimEnd(' ');
        if (Array.Exists(DeviceNames, d => string.Equals(d, device, StringComparison.OrdinalIgnoreCase)))
        {
            stem = "_" + stem;
        }

        return Truncate(stem, MaxLength - extension.Length).TrimEnd('.', ' ') + extension;
    }

    /// <summary>"name [trackid].ext": the distinct name for a second track that maps to a taken name.</summary>
    public static string WithTrackId(string fileName, long trackId)
    {
        string suffix = " [" + trackId.ToString(CultureInfo.InvariantCulture) + "]";
        int dot = fileName.LastIndexOf('.');
        string stem = dot > 0 ? fileName.Substring(0, dot) : fileName;
        string extension = dot > 0 ? fileName.Substring(dot) : string.Empty;
        return Truncate(stem, MaxLength - extension.Length - suffix.Length).TrimEnd('.', ' ') + suffix + extension;
    }

    private static bool IsForbidden(char c) =>
        c < ' ' || c == 127 || c is '<' or '>' or ':' or '"' or '/' or '\\' or '|' or '?' or '*'
        || char.IsControl(c) || IsBidiControl(c);

    // Bidi overrides can make "evil\u202Eplm.exe" display as "evilexe.mlp": never part of a name.
    private static bool IsBidiControl(char c) =>
        c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u061C';

    // Invisible characters let "Bey\u200Boncé.mp3" pose as "Beyoncé.mp3": dropped, so the two names collide
    // and the second track gets its " [trackid]" name instead of a look-alike.
    private static bool IsZeroWidth(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u180E' or (>= '\u2061' and <= '\u2064');

    private static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        // Never split a surrogate pair.
        int cut = Math.Max(0, max);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text.Substring(0, cut);
    }

    private static bool IsAsciiLetterOrDigit(string text)
    {
        foreach (char c in text)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigits(string text)
    {
        foreach (char c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }
}
