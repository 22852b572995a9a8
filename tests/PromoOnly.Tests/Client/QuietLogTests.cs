using System.Net;
using PromoOnly.Client;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Client;

/// <summary>With Verbose off, a lookup builds no log text at all: the cost shows in pipelines of thousands.</summary>
public class QuietLogTests
{
    private static readonly Uri Base = new("https://api.example/");

    [Fact]
    public async Task ALogThatIsNotListeningIsNeverHandedText()
    {
        // RecordingLog fails the call if Verbose is called while it is not listening.
        var quiet = new RecordingLog(listening: false);
        var handler = new StubHandler(r => r.RequestUri!.AbsolutePath == "/download/server/1"
            ? new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("/v2/download/server/1", UriKind.Relative) } }
            : StubHandler.Json(HttpStatusCode.OK, "[{\"host\":\"a.example\",\"id\":1}]"));
        var client = new PoolApiClient(new HttpClient(handler), Base, "test", TimeSpan.FromSeconds(5), quiet);

        ServerList list = await client.GetDownloadServersAsync(1, new("Bearer", "c2VjcmV0"), CancellationToken.None);

        Assert.Single(list.Servers);
        Assert.Empty(quiet.Lines);
    }

    [Fact]
    public async Task ALogThatListensGetsTheRequestAndTheAnswer()
    {
        var log = new RecordingLog(listening: true);
        var client = new PoolApiClient(new HttpClient(new StubHandler(_ => StubHandler.Json(HttpStatusCode.OK, "[]"))), Base, "test", TimeSpan.FromSeconds(5), log);

        await client.GetDownloadServersAsync(7, new("Bearer", "c2VjcmV0"), CancellationToken.None);

        Assert.Equal(new[] { "GET https://api.example/download/server/7" }, log.Lines.Take(1));
        Assert.Contains(log.Lines, l => l.StartsWith("HTTP 200", StringComparison.Ordinal));
    }
}
