using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PromoOnly.Tests.Support;

/// <summary>Answers requests from a function and records what was sent, for unit tests of small pieces.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, HttpResponseMessage> _answer;

    public StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) => _answer = answer;

    public List<(Uri Uri, AuthenticationHeaderValue? Authorization)> Requests { get; } = new();

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add((request.RequestUri!, request.Headers.Authorization));
        }

        return Task.FromResult(_answer(request));
    }
}
