using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PromoOnly.Tests.Support;

/// <summary>
/// A one-request HTTP/1.1 server on 127.0.0.1 that keeps the request exactly as it came off the
/// socket, for asserting the wire where a framework (Kestrel, a stub handler) would hide or add
/// headers. It answers a client that asked for 100-continue, so the test fails on the assertion,
/// not on a stalled request. Works on .NET and on .NET Framework (Mono), unlike the emulator.
/// </summary>
internal sealed class RawHttpListener : IDisposable
{
    private const int MaxHeadBytes = 64 * 1024;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public RawHttpListener(string jsonAnswer)
    {
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        Request = ServeOneAsync(jsonAnswer);
    }

    public Uri BaseUri { get; }

    /// <summary>The request head lines (request line first) and the body, once it has been answered.</summary>
    public Task<(IReadOnlyList<string> Head, string Body)> Request { get; }

    public void Dispose() => _listener.Stop();

    private async Task<(IReadOnlyList<string>, string)> ServeOneAsync(string jsonAnswer)
    {
        using TcpClient client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
        using NetworkStream stream = client.GetStream();
        var received = new List<byte>();
        int end;
        while ((end = HeadEnd(received)) < 0)
        {
            var chunk = new byte[4096];
            int read = await stream.ReadAsync(chunk, 0, chunk.Length).ConfigureAwait(false);
            if (read == 0 || received.Count > MaxHeadBytes)
            {
                throw new InvalidOperationException("The client closed the connection before the end of the request head.");
            }

            received.AddRange(chunk.Take(read));
        }

        string[] head = Encoding.ASCII.GetString(received.Take(end).ToArray()).Split(new[] { "\r\n" }, StringSplitOptions.None);
        if (head.Any(h => h.Equals("Expect: 100-continue", StringComparison.OrdinalIgnoreCase)))
        {
            await Write(stream, "HTTP/1.1 100 Continue\r\n\r\n").ConfigureAwait(false);
        }

        var body = received.Skip(end + 4).ToList();
        int length = head.Select(h => h.Split(new[] { ':' }, 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim()))
            .FirstOrDefault();
        while (body.Count < length)
        {
            var chunk = new byte[4096];
            int read = await stream.ReadAsync(chunk, 0, chunk.Length).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            body.AddRange(chunk.Take(read));
        }

        byte[] answer = Encoding.UTF8.GetBytes(jsonAnswer);
        await Write(stream, $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {answer.Length}\r\nConnection: close\r\n\r\n" + jsonAnswer).ConfigureAwait(false);
        return (head, Encoding.UTF8.GetString(body.ToArray()));
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

    private static Task Write(Stream stream, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return stream.WriteAsync(bytes, 0, bytes.Length);
    }
}
