using PromoOnly.Client;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Client;

public class FormBodyTests
{
    [Fact]
    public async Task FieldsAreFormEncodedLikeBrowsersDo()
    {
        using var form = new FormBody().Add("email", "dj+pool@example.com").AddSecret("password", Secure.From("p@ss wörd&=1"));

        string body = await form.ToContent().ReadAsStringAsync();

        Assert.Equal("email=dj%2Bpool%40example.com&password=p%40ss+w%C3%B6rd%26%3D1", body);
    }

    [Fact]
    public void ContentTypeIsUrlEncodedForm()
    {
        using var form = new FormBody().Add("userid", "1");

        Assert.Equal("application/x-www-form-urlencoded", form.ToContent().Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task DisposeWipesTheSecretBytes()
    {
        var form = new FormBody().AddSecret("token", Secure.From("8b26e1e4f3f5e00a888807e605565c47"));
        HttpContent content = form.ToContent();
        Assert.Contains((byte)'8', await Serialize(content));

        form.Dispose();

        Assert.All(await Serialize(content), b => Assert.Equal(0, b));
    }

    // CopyToAsync serialises the live buffer each time; ReadAs* would cache a copy of it.
    private static async Task<byte[]> Serialize(HttpContent content)
    {
        using var stream = new MemoryStream();
        await content.CopyToAsync(stream);
        return stream.ToArray();
    }
}
