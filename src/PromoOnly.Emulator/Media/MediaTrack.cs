using System.Globalization;
using PromoOnly.Emulator.Catalogue;

namespace PromoOnly.Emulator.Media;

/// <summary>How a media host misbehaves for a fault track (see the README's download fault table).</summary>
internal enum MediaFault
{
    None,
    CutOnce,
    HtmlLimit,
    WrongLength,
    DeadFirstMirror,
    TokenRefusedOnce,
    SuccessFails,
    SuccessFailsOnce,
    SuccessDropsOnce,
    JsonAsAudio,
    HtmlAsOctets,
    GzipBomb,
    Chunked,
    OpenTotal,
    CloseDelimited,
    ManyBadHosts,
}

/// <summary>
/// Everything the emulator says about one downloadable track, derived from its id alone: queue
/// metadata, file size, content type, whether the media host names the file, and fault behaviour.
/// </summary>
internal sealed record MediaTrack(
    int TrackId,
    string Artist,
    string Title,
    string Mix,
    bool IsVideo,
    long Size,
    string? DispositionName,
    MediaFault Fault,
    TimeSpan Delay,
    int BytesPerSecond,
    bool PlainHostNames,
    bool Watermarked = false,
    bool SendsValidators = true)
{
    /// <summary>Tracks 970001..970009: 200 MiB files for streaming and memory tests.</summary>
    public const long LargeSize = 200L * 1024 * 1024;

    /// <summary>Tracks 971001..971999: about 5 MiB, the size of a typical weekly-sync file.</summary>
    public const long SyncSize = 5L * 1024 * 1024;

    /// <summary>Tracks 972001..972099: 16 MiB sent at 4 MiB/s, so a download is reliably still running when a test interrupts it.</summary>
    public const long SlowSize = 16L * 1024 * 1024;

    /// <summary>What every media answer's Last-Modified says (a file that never changes; watermarked files send none).</summary>
    public static readonly DateTimeOffset LastModified = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Where the cut-once fault track's first answer stops.</summary>
    public const long CutAt = 100_000;

    private static readonly string[] Artists = ["Beyoncé", "Sigur Rós", "Daft Punk", "Zoë Kravitz", "Mø", "The Weeknd", "Rüfüs Du Sol"];
    private static readonly string[] Mixes = ["Clean Extended", "Dirty", "Intro - Clean", "Clean", "Quick Hit"];

    public string FileType => IsVideo ? "720 mp4" : "320 mp3";

    public string ContentType => IsVideo ? "video/mp4" : "audio/mpeg";

    /// <summary>
    /// The file's bytes for one download: the same for every download, except for a watermarked
    /// track, whose every dl_token (the how-manyth the queue issued for it) gets its own bytes.
    /// </summary>
    public int VariantFor(long ticketNumber) => Watermarked ? (int)Math.Min(ticketNumber, int.MaxValue) : 0;

    /// <summary>The strong ETag of one variant of the file.</summary>
    public string ETagFor(int variant) => $"\"{TrackId}-{Size}-{variant}\"";

    /// <summary>
    /// A catalogue track's file carries the catalogue's artist, title and mix (and, where the host
    /// names the file, "Artist - Title (Mix).ext"), so what a user saves matches the track they chose;
    /// size, bytes and faults still follow from the id alone.
    /// </summary>
    public static MediaTrack For(int id, ReleaseCatalogue catalogue)
    {
        MediaTrack track = For(id);
        if (catalogue.FindTrack(id) is not { } known)
        {
            return track;
        }

        string? disposition = track.DispositionName is null
            ? null
            : $"{known.Song.Artist} - {known.Song.Title} ({known.Mix}).{(known.IsVideo ? "mp4" : "mp3")}";
        return track with { Artist = known.Song.Artist, Title = known.Song.Title, Mix = known.Mix, IsVideo = known.IsVideo, DispositionName = disposition };
    }

    /// <summary>The arithmetic answer for any id, catalogue or not (see the emulator README's media table).</summary>
    public static MediaTrack For(int id)
    {
        string artist = Artists[id % Artists.Length];
        string title = "Track " + id.ToString(CultureInfo.InvariantCulture);
        string mix = Mixes[id % Mixes.Length];
        bool video = id % 10 == 7;
        long size = 256 * 1024 + (id % 61) * 8 * 1024 + id % 1000;
        string? disposition = id % 10 == 5 ? $"PO_{id}_{artist}.{(video ? "mp4" : "mp3")}" : null;
        var fault = MediaFault.None;
        TimeSpan delay = TimeSpan.Zero;
        int rate = 0;
        bool plain = false;
        bool watermarked = false;
        bool validators = true;

        switch (id)
        {
            case >= 960001 and <= 960999:
                // Plain host names in the queue, and a different wait per track so finishing order shuffles.
                plain = true;
                delay = TimeSpan.FromMilliseconds(id * 37 % 10 * 15);
                break;
            case >= 970001 and <= 970009:
                size = LargeSize;
                disposition = null;
                break;
            case >= 971001 and <= 971999:
                size = SyncSize;
                disposition = null;
                break;
            case >= 972001 and <= 972099:
                size = SlowSize;
                rate = 4 * 1024 * 1024;
                disposition = null;
                break;
            case >= 974001 and <= 974099:
                // Each download's bytes differ (a watermark); odd ids name each version with an ETag, even ids send no validator.
                watermarked = true;
                validators = id % 2 == 1;
                disposition = null;
                break;
            case 990009:
                fault = MediaFault.SuccessFailsOnce;
                break;
            case 990010:
                fault = MediaFault.SuccessDropsOnce;
                break;
            case 990001 or 990007:
                fault = MediaFault.CutOnce;
                size = 300_000;
                disposition = null;
                break;
            case 990002:
                fault = MediaFault.HtmlLimit;
                break;
            case 990003:
                fault = MediaFault.WrongLength;
                break;
            case 990004:
                fault = MediaFault.DeadFirstMirror;
                break;
            case 990005:
                fault = MediaFault.TokenRefusedOnce;
                break;
            case 990006:
                fault = MediaFault.SuccessFails;
                break;
            case 990031:
                fault = MediaFault.JsonAsAudio;
                break;
            case 990032:
                fault = MediaFault.HtmlAsOctets;
                break;
            case 990033:
                fault = MediaFault.GzipBomb;
                break;
            case 990034:
                fault = MediaFault.Chunked;
                disposition = null;
                break;
            case 990035:
                fault = MediaFault.OpenTotal;
                size = 300_000;
                disposition = null;
                break;
            case 990036:
                fault = MediaFault.CloseDelimited;
                disposition = null;
                break;
            case 990037:
                fault = MediaFault.ManyBadHosts;
                break;
            case 990011:
                disposition = "../../x.mp3";
                break;
            case 990012:
                disposition = "CON.mp3";
                break;
            case 990014:
                disposition = new string('n', 300) + ".mp3";
                break;
            case 990015:
                disposition = "a/b.mp3";
                break;
            case 990020 or 990021:
                // Two different tracks whose metadata builds the same file name.
                artist = "Collision";
                title = "Same Name";
                mix = "Clean";
                video = false;
                disposition = null;
                break;
        }

        return new MediaTrack(id, artist, title, mix, video, size, disposition, fault, delay, rate, plain, watermarked, validators);
    }
}
