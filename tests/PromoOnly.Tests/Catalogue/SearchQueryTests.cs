using PromoOnly.Client;
using PromoOnly.Catalogue;

namespace PromoOnly.Tests.Catalogue;

/// <summary>The search path segment: a value can never break the URL or start a field of its own.</summary>
public class SearchQueryTests
{
    [Fact]
    public void TheContractsExampleIsBuiltExactly()
    {
        var query = new SearchQuery(artist: "katy perry", title: "roar", mix: "intro", genre: "dance", bpmMin: 100, bpmMax: 200);
        Assert.Equal("artist:katy+perry+track:roar+mix:intro+genre:dance+bpm:100,200", query.ToPath());
    }

    [Theory]
    [InlineData("AC/DC", "AC%2FDC")]
    [InlineData("Drum & Bass", "Drum+%26+Bass")]
    [InlineData("100%", "100%25")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("Beyoncé", "Beyonc%C3%A9")]
    [InlineData("x genre:rock", "x+genre%3Arock")]
    [InlineData("?#[]", "%3F%23%5B%5D")]
    [InlineData("Mr. Brightside_-~", "Mr.+Brightside_-~")]
    public void HostileValuesAreEscaped(string value, string escaped) =>
        Assert.Equal(escaped, PathSegment.EscapeText(value));

    [Fact]
    public void AValueThatLooksLikeAFieldStaysInsideItsTerm()
    {
        var query = new SearchQuery(artist: "a+genre:rock");
        Assert.Equal("artist:a%2Bgenre%3Arock", query.ToPath());
        Assert.Single(query.Terms);
    }

    [Fact]
    public void OneBpmValueIsAnExactRange() =>
        Assert.Equal("bpm:128,128", new SearchQuery(bpmMin: 128).ToPath());

    [Fact]
    public void AnInvertedBpmRangeIsRefused() =>
        Assert.Throws<ArgumentException>(() => new SearchQuery(bpmMin: 130, bpmMax: 120));

    [Fact]
    public void BlankFieldsAreLeftOut()
    {
        var query = new SearchQuery(artist: "  ", title: "Roar ");
        Assert.Equal("track:Roar", query.ToPath());
        Assert.True(new SearchQuery(artist: " ").IsEmpty);
    }

    [Fact]
    public void TheEscapedPathSurvivesUriConstruction()
    {
        Uri uri = CatalogueAddress.Search(new Uri("https://api.example/"), new SearchQuery(artist: "AC/DC", genre: "Drum & Bass"));
        Assert.Equal("/search/artist:AC%2FDC+genre:Drum+%26+Bass", uri.AbsolutePath);
        Assert.Equal("https://api.example/search/artist:AC%2FDC+genre:Drum+%26+Bass", uri.AbsoluteUri);
    }
}
