using PromoOnly.Catalogue;

namespace PromoOnly.Tests.Catalogue;

/// <summary>-Genre completion: what answers named, bounded, since a server chooses the names.</summary>
public class KnownGenresTests
{
    [Fact]
    public void RemembersWhatAnswersNameAndStaysBounded()
    {
        KnownGenres.Note("Moombahton");
        for (int i = 0; i < KnownGenres.MaxSeen * 2; i++)
        {
            KnownGenres.Note("Genre " + i);
        }

        KnownGenres.Note(new string('x', KnownGenres.MaxLength + 1));

        string[] current = KnownGenres.Current();
        Assert.Contains("Moombahton", current);
        Assert.True(current.Length <= KnownGenres.MaxSeen);
        Assert.DoesNotContain(current, g => g.Length > KnownGenres.MaxLength);
        Assert.Equal(current.OrderBy(g => g, StringComparer.OrdinalIgnoreCase), current);
    }

    [Fact]
    public void ReturnsWhatItWasGivenSoTheMapperCanUseItInline() =>
        Assert.Equal("Drum & Bass", KnownGenres.Note("Drum & Bass"));
}
