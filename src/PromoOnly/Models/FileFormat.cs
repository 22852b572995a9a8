namespace PromoOnly;

/// <summary>One file format of the account (<c>/user/file_formats</c>): what Save-PromoTrack receives for a media type.</summary>
public sealed class FileFormat
{
    /// <summary>The API's index for the format.</summary>
    public int? Index { get; internal set; }

    /// <summary>Video (format 1) or Audio (format 2).</summary>
    public MediaType MediaType { get; internal set; }

    /// <summary>The file name extension, with its dot, for example ".mp3".</summary>
    public string Extension { get; internal set; } = string.Empty;

    /// <summary>The format as the POOL names it, for example "320 kbps mp3" or "720p mp4".</summary>
    public string Type { get; internal set; } = string.Empty;

    public override string ToString() => Type;
}
