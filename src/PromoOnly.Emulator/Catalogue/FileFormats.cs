namespace PromoOnly.Emulator.Catalogue;

/// <summary>GET /user/file_formats per account: format 1 = video, 2 = audio (contract, section 5).</summary>
internal static class FileFormats
{
    public static object[] For(int userId) => userId == 2
        ?
        [
            new { extension = ".wav", format = 2, index = 1, type = "wav" },
            new { extension = ".mp4", format = 1, index = 2, type = "360p mp4" },
        ]
        :
        [
            new { extension = ".mp3", format = 2, index = 1, type = "320 kbps mp3" },
            new { extension = ".mp4", format = 1, index = 2, type = "720p mp4" },
        ];
}
