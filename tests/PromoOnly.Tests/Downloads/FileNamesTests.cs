using System.Text;
using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

public class FileNamesTests
{
    private static QueuedTrack Track(string artist, string title, string mix, string fileType, long id = 123401) =>
        new(id, "token", Array.Empty<QueuedServer>(), Array.Empty<string>(), artist, title, mix, fileType);

    [Theory]
    [InlineData("320 mp3", null, ".mp3")]
    [InlineData("720 mp4", null, ".mp4")]
    [InlineData("wav", null, ".wav")]
    [InlineData("", "audio/mpeg", ".mp3")]
    [InlineData("320", "video/mp4; charset=binary", ".mp4")]
    [InlineData("best quality", "application/octet-stream", ".bin")]
    public void TheExtensionComesFromTheFileTypeThenTheContentType(string fileType, string? contentType, string expected) =>
        Assert.Equal(expected, FileNames.Extension(fileType, contentType));

    [Fact]
    public void MetadataBuildsArtistTitleAndMixKeepingAccents() =>
        Assert.Equal("Beyoncé - Halo (Clean Extended).mp3", FileNames.FromMetadata(Track("Beyoncé", "Halo", "Clean Extended", "320 mp3"), null));

    [Fact]
    public void MissingMetadataFallsBackToTheTrackId() =>
        Assert.Equal("Track 123401.mp4", FileNames.FromMetadata(Track(" ", "", "", "720 mp4"), null));

    [Theory]
    [InlineData("../../x.mp3")]
    [InlineData("..\\..\\Windows\\x.mp3")]
    [InlineData("a/b.mp3")]
    [InlineData("/etc/passwd")]
    [InlineData("..")]
    [InlineData("C:\\temp\\x.mp3")]
    public void NoNameCanLeaveTheFolder(string hostile)
    {
        string name = FileNames.Sanitize(hostile, 5);

        Assert.DoesNotContain('/', name);
        Assert.DoesNotContain('\\', name);
        Assert.DoesNotContain(':', name);
        Assert.NotEqual("..", name);
        Assert.False(name.StartsWith(".", StringComparison.Ordinal));
        string folder = Path.Combine(Path.GetTempPath(), "promo-folder");
        Assert.Equal(folder, Path.GetDirectoryName(Path.GetFullPath(Path.Combine(folder, name))));
    }

    [Theory]
    [InlineData("CON.mp3", "_CON.mp3")]
    [InlineData("nul", "_nul")]
    [InlineData("com1.tar.gz", "_com1.tar.gz")]
    [InlineData("LPT9 .mp3", "_LPT9.mp3")]
    [InlineData("Conference.mp3", "Conference.mp3")]
    [InlineData("COM\u00B9.mp3", "_COM\u00B9.mp3")]
    [InlineData("lpt\u00B3", "_lpt\u00B3")]
    [InlineData("COM\u00B2 .txt", "_COM\u00B2.txt")]
    public void DeviceNamesAreDefused(string name, string expected) =>
        Assert.Equal(expected, FileNames.Sanitize(name, 1));

    [Theory]
    [InlineData("song. . .", "song")]
    [InlineData("  song.mp3  ", "song.mp3")]
    [InlineData("a<b>c:d\"e|f?g*h.mp3", "a_b_c_d_e_f_g_h.mp3")]
    [InlineData("evil\u202Eplm.mp3", "evil_plm.mp3")]
    [InlineData("tab\there.mp3", "tab_here.mp3")]
    public void CharactersWindowsRefusesAndTrailingDotsGo(string name, string expected) =>
        Assert.Equal(expected, FileNames.Sanitize(name, 1));

    [Theory]
    [InlineData("Bey\u200Bonc\u00E9.mp3", "Beyonc\u00E9.mp3")]
    [InlineData("\uFEFFSong\u2060.mp3", "Song.mp3")]
    [InlineData("a\u200C\u200Db.mp3", "ab.mp3")]
    [InlineData("\u200B.promoonly-1.partial", "promoonly-1.partial")]
    [InlineData("CON\u200B.mp3", "_CON.mp3")]
    public void ZeroWidthCharactersAreDroppedSoNoNameCanPoseAsAnother(string name, string expected) =>
        Assert.Equal(expected, FileNames.Sanitize(name, 1));

    [Theory]
    [InlineData(".promoonly-123401.partial")]
    [InlineData("..promoonly-downloads.jsonl")]
    [InlineData(" .promoonly-123401.lock")]
    [InlineData("\u200B\u200B.promoonly-123401.resume")]
    [InlineData("\u0001.x")]
    public void NoServerNameCanTakeTheModulesOwnDotNames(string name) =>
        Assert.False(FileNames.Sanitize(name, 123401).StartsWith(".", StringComparison.Ordinal));

    [Fact]
    public void LongNamesAreCutTo200CharactersKeepingTheExtension()
    {
        string name = FileNames.Sanitize(new string('n', 300) + ".mp3", 1);

        Assert.Equal(200, name.Length);
        Assert.EndsWith("n.mp3", name, StringComparison.Ordinal);
    }

    [Fact]
    public void ASurrogatePairIsNeverSplit()
    {
        string name = FileNames.Sanitize(new string('n', 195) + "😀😀😀.mp3", 1);

        Assert.True(name.Length <= 200);
        Assert.False(char.IsHighSurrogate(name[name.Length - 5]));
    }

    [Fact]
    public void EmptyNamesBecomeTheTrackId() =>
        Assert.Equal("Track 42", FileNames.Sanitize(" ... ", 42));

    [Fact]
    public void ADistinctNameCarriesTheTrackIdBeforeTheExtension() =>
        Assert.Equal("Same (Clean) [990021].mp3", FileNames.WithTrackId("Same (Clean).mp3", 990021));

    [Fact]
    public void AServerNameQuotingTheAuthorizationHeaderKeepsNoSecret()
    {
        // A media host that names the file after the request it answered: the Bearer header, and the token.
        const string token = "5f0c1d2e3a4b596877665544332211ff";
        using var secrets = Registered.Token(3, token);
        string header = Convert.ToBase64String(Encoding.UTF8.GetBytes("3:" + token));

        string name = FileNames.Sanitize($"Bearer {header} {Uri.EscapeDataString(header)} {token}.mp3", 5);

        Assert.Equal("Bearer [secret]== [secret]%3D%3D [secret].mp3", name);
    }
}
