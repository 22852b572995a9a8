using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PromoOnly.Client;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Client;

/// <summary>Bodies decode as a browser would: BOM first, then the declared charset, then UTF-8.</summary>
public class ResponseBodyTests
{
    private static readonly Uri Base = new("https://api.example/");
    private static readonly AuthenticationHeaderValue Auth = new("Bearer", "c2VjcmV0");
    private const string Json = "[{\"host\":\"dc03.promoonly.com\",\"id\":7}]";

    public static TheoryData<byte[], string?> Encodings() => new()
    {
        { Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Json)).ToArray(), null },
        { Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Json)).ToArray(), "utf-8" },
        { Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Json)).ToArray(), null },
        { Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(Json)).ToArray(), "utf-8" },
        { Encoding.Unicode.GetBytes(Json), "utf-16" },
        { Encoding.Unicode.GetBytes(Json), "\"UTF-16LE\"" },
        { new UTF32Encoding(false, true).GetPreamble().Concat(new UTF32Encoding(false, false).GetBytes(Json)).ToArray(), null },
        { Encoding.GetEncoding("iso-8859-1").GetBytes(Json), "iso-8859-1" },
        { Encoding.UTF8.GetBytes(Json), "no-such-charset" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task AValidAnswerWithABomOrDeclaredCharsetIsStillValid(byte[] body, string? charset)
    {
        var client = ClientAnswering(body, charset);

        ServerList list = await client.GetDownloadServersAsync(1, Auth, CancellationToken.None);

        Assert.Equal("dc03.promoonly.com", Assert.Single(list.Servers).Host);
    }

    [Fact]
    public void ADeclaredLatin1MessageKeepsItsAccents()
    {
        byte[] bytes = Encoding.GetEncoding("iso-8859-1").GetBytes("{\"result\":\"Compte désactivé.\"}");

        Assert.Equal("{\"result\":\"Compte désactivé.\"}", ResponseBody.Decode(bytes, bytes.Length, "ISO-8859-1"));
    }

    private static PoolApiClient ClientAnswering(byte[] body, string? charset) =>
        new(
            new HttpClient(new StubHandler(_ =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = charset };
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            })),
            Base,
            "test",
            TimeSpan.FromSeconds(5),
            new RecordingLog());
}
