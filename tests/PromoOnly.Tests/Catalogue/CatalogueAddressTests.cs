using PromoOnly.Catalogue;

namespace PromoOnly.Tests.Catalogue;

/// <summary>Text a user or server controls becomes one path segment under the API address, or is refused; never another path.</summary>
public class CatalogueAddressTests
{
    private static readonly Uri Api = new("https://api.example/pool/");

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("  ")]
    public void AQuickSearchThatWouldNameAnotherPathIsRefused(string text)
    {
        var problem = Assert.Throws<ArgumentException>(() => CatalogueAddress.QuickSearch(Api, text));

        Assert.Contains("search", problem.Message);
    }

    [Theory]
    [InlineData("...", "https://api.example/pool/qsearch/...")]
    [InlineData("../..", "https://api.example/pool/qsearch/..%2F..")]
    [InlineData(". .", "https://api.example/pool/qsearch/.+.")]
    [InlineData("%2E%2E", "https://api.example/pool/qsearch/%252E%252E")]
    [InlineData("katy perry", "https://api.example/pool/qsearch/katy+perry")]
    public void AnyOtherTextStaysOneSegmentUnderTheApi(string text, string expected)
    {
        Uri address = CatalogueAddress.QuickSearch(Api, text);

        Assert.Equal(expected, address.AbsoluteUri);
        Assert.StartsWith("/pool/qsearch/", address.AbsolutePath);
    }

    [Fact]
    public void ASearchValueOfDotsStaysInsideItsTerm()
    {
        Uri address = CatalogueAddress.Search(Api, new SearchQuery(artist: ".."));

        Assert.Equal("https://api.example/pool/search/artist:..", address.AbsoluteUri);
    }
}
