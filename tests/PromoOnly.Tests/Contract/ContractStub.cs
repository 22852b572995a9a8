using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PromoOnly.Tests.Contract;

/// <summary>One request exactly as it came off the socket: request line, header lines, body bytes.</summary>
internal sealed class WireRequest
{
    public WireRequest(string requestLine, IReadOnlyList<string> headers)
    {
        RequestLine = requestLine;
        Headers = headers;
    }

    public string RequestLine { get; }

    public IReadOnlyList<string> Headers { get; }

    public byte[] Body { get; set; } = Array.Empty<byte>();

    public string Method => RequestLine.Split(' ')[0];

    /// <summary>The request target as sent (path and query, still escaped).</summary>
    public string Target => RequestLine.Split(' ')[1];

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Every value of a header, by case-insensitive name, as sent.</summary>
    public IReadOnlyList<string> Values(string name) =>
        Headers.Select(h => h.Split(new[] { ':' }, 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim())
            .ToList();

    public string? Single(string name) => Values(name) is { Count: 1 } one ? one[0] : null;
}

/// <summary>What the stub answers: a status, a body, its type and extra header lines.</summary>
internal sealed class WireAnswer
{
    public WireAnswer(int status, string body, string contentType = "application/json", params string[] extraHeaders)
    {
        Status = status;
        Body = body;
        ContentType = contentType;
        ExtraHeaders = extraHeaders;
    }

    public int Status { get; }

    public string Body { get; }

    public string ContentType { get; }

    public string[] ExtraHeaders { get; }

    /// <summary>Body bytes sent instead of <see cref="Body"/>'s UTF-8, for answers that are not text (gzip, media).</summary>
    public byte[]? Bytes { get; set; }

    /// <summary>Sends only this many body bytes (Content-Length still announces them all), then closes: a transfer cut mid-body.</summary>
    public int? SendOnly { get; set; }

    public static WireAnswer Json(string body) => new(200, body);
}

/// <summary>
/// A stand-in of the POOL API written from API.md alone, on 127.0.0.1: it knows nothing of the
/// emulator, keeps every request exactly as it came off the socket, and answers what the test's
/// route function says. Each answer closes its connection, so request boundaries are plain.
/// Plain sockets and .NET Framework APIs only: the .NET Framework leg (Windows PowerShell's
/// runtime, whose HttpClientHandler differs most) runs these tests too.
/// </summary>
internal sealed class ContractStub : IDisposable
{
    private const int MaxHeadBytes = 64 * 1024;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<WireRequest, WireAnswer> _route;
    private readonly ConcurrentQueue<WireRequest> _requests = new();
    private volatile bool _stopped;
    private int _tlsHellos;

    public ContractStub(Func<WireRequest, WireAnswer> route)
    {
        _route = route;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>"127.0.0.1:port": the form a media host takes in a server list.</summary>
    public string HostAndPort => $"127.0.0.1:{Port}";

    public Uri Root => new($"http://127.0.0.1:{Port}/");

    public IReadOnlyList<WireRequest> Requests => _requests.ToArray();

    /// <summary>
    /// Connections that opened with a TLS hello (a client trying https:// first, as API.md asks of
    /// media requests). The stub speaks plain HTTP only, so it closes them, as a plain server would.
    /// </summary>
    public int TlsHellos => Volatile.Read(ref _tlsHellos);

    public void Dispose()
    {
        _stopped = true;
        _listener.Stop();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopped)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException or InvalidOperationException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                WireRequest? request = await ReadAsync(stream).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                _requests.Enqueue(request);
                WireAnswer answer = _route(request);
                byte[] body = answer.Bytes ?? Encoding.UTF8.GetBytes(answer.Body);
                var head = new StringBuilder()
                    .Append($"HTTP/1.1 {answer.Status} {Reason(answer.Status)}\r\n")
                    .Append($"Content-Type: {answer.ContentType}\r\n")
                    .Append($"Content-Length: {body.Length}\r\n")
                    .Append("Connection: close\r\n");
                foreach (string extra in answer.ExtraHeaders)
                {
                    head.Append(extra).Append("\r\n");
                }

                byte[] headBytes = Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
                await stream.WriteAsync(headBytes, 0, headBytes.Length).ConfigureAwait(false);
                if (request.Method != "HEAD")
                {
                    await stream.WriteAsync(body, 0, answer.SendOnly ?? body.Length).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // The client went away; the test asserts on what did arrive.
            }
        }
    }

    private async Task<WireRequest?> ReadAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        int end;
        var chunk = new byte[4096];
        while ((end = HeadEnd(received)) < 0)
        {
            int read = await stream.ReadAsync(chunk, 0, chunk.Length).ConfigureAwait(false);
            if (read == 0 || received.Count > MaxHeadBytes)
            {
                return null;
            }

            if (received.Count == 0 && chunk[0] == 0x16)
            {
                Interlocked.Increment(ref _tlsHellos);
                return null;
            }

            received.AddRange(chunk.Take(read));
        }

        string[] lines = Encoding.ASCII.GetString(received.Take(end).ToArray()).Split(new[] { "\r\n" }, StringSplitOptions.None);
        var request = new WireRequest(lines[0], lines.Skip(1).ToList());

        // A strict server answers "Expect: 100-continue" with nothing at all; the test then fails on the header check.
        var body = received.Skip(end + 4).ToList();
        int length = request.Single("Content-Length") is { } declared ? int.Parse(declared) : 0;
        while (body.Count < length)
        {
            int read = await stream.ReadAsync(chunk, 0, chunk.Length).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            body.AddRange(chunk.Take(read));
        }

        request.Body = body.ToArray();
        return request;
    }

    private static int HeadEnd(List<byte> received)
    {
        for (int i = 0; i + 3 < received.Count; i++)
        {
            if (received[i] == '\r' && received[i + 1] == '\n' && received[i + 2] == '\r' && received[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        206 => "Partial Content",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
