using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Diagnostics;

namespace PromoOnly.Emulator.Media;

/// <summary>
/// media-raw: a media host on a plain socket, for answers Kestrel never gives because it frames
/// every body: a body ended only by closing the connection (no Content-Length, no chunking), as
/// HTTP/1.0 servers and broken proxies send. Same rules as the other media hosts (Bearer,
/// dl_token, request log, statistics); one request per connection. A TLS hello is counted and
/// the connection closed, as a plain-HTTP server would.
/// </summary>
internal sealed class RawMediaHost : IAsyncDisposable
{
    private const string Name = "media-raw";
    private const int MaxHeadBytes = 16 * 1024;
    private const int ChunkSize = 64 * 1024;

    /// <summary>How much of the rest a 206 of the open-total fault sends before it closes.</summary>
    private const int ShortBody = 50_000;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly MediaShared shared;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public RawMediaHost(MediaShared shared)
    {
        this.shared = shared;
        listener.Start();
        Host = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        accepting = AcceptAsync();
    }

    public string Host { get; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                _ = ServeAsync(client);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                if (head is null)
                {
                    return;
                }

                await AnswerAsync(stream, head.Value.Target, head.Value.Headers);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away.
            }
        }
    }

    private async Task<(string Target, Dictionary<string, string> Headers)?> ReadHeadAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var chunk = new byte[4096];
        while (true)
        {
            int read = await stream.ReadAsync(chunk, stop.Token);
            if (read == 0 || received.Count > MaxHeadBytes)
            {
                return null;
            }

            if (received.Count == 0 && chunk[0] == 0x16)
            {
                shared.Stats.CountTlsHello();
                return null;
            }

            received.AddRange(chunk.Take(read));
            string text = Encoding.Latin1.GetString(received.ToArray());
            int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            string[] lines = text[..end].Split("\r\n");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string line in lines.Skip(1))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            string[] parts = lines[0].Split(' ');
            return (parts.Length > 1 ? parts[1] : "/", headers);
        }
    }

    private async Task AnswerAsync(NetworkStream stream, string target, Dictionary<string, string> headers)
    {
        const string prefix = "/pool/v5/download/";
        headers.TryGetValue("Authorization", out string? authorization);
        int status;
        if (!target.StartsWith(prefix, StringComparison.Ordinal))
        {
            status = 200;
            Log(target, headers, status);
            await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 15\r\nConnection: close\r\n\r\nmedia media-raw");
            return;
        }

        if (shared.Tokens.FindBearer(authorization) is not { } account)
        {
            Log(target, headers, 401);
            await WriteJsonAsync(stream, 401, "Unauthorized", "{\"result\":\"Invalid user id or access token.\"}");
            return;
        }

        if (shared.Tickets.Find(target[prefix.Length..]) is not { } ticket || ticket.UserId != account.UserId)
        {
            Log(target, headers, 403);
            await WriteJsonAsync(stream, 403, "Forbidden", "{\"result\":\"Invalid download token.\"}");
            return;
        }

        var track = MediaTrack.For(ticket.TrackId, shared.Catalogue);
        var (scope, number) = shared.Stats.Begin(track.TrackId);
        using (scope)
        {
            long start = headers.TryGetValue("Range", out string? range) && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-')
                && long.TryParse(range.AsSpan(6, range.Length - 7), NumberStyles.None, CultureInfo.InvariantCulture, out long from) && from < track.Size ? from : 0;
            var head = new StringBuilder();
            long stopAt = track.Size;
            if (track.Fault == MediaFault.OpenTotal && start > 0)
            {
                // bytes N-M/*, no Content-Length, and the body stops early: only the close ends it.
                status = 206;
                head.Append("HTTP/1.1 206 Partial Content\r\n").Append(CultureInfo.InvariantCulture, $"Content-Range: bytes {start}-{track.Size - 1}/*\r\n");
                stopAt = Math.Min(track.Size, start + ShortBody);
            }
            else if (track.Fault == MediaFault.OpenTotal && number == 1)
            {
                // The first answer is cut, so the client has something to resume from.
                status = 200;
                start = 0;
                head.Append("HTTP/1.1 200 OK\r\n").Append(CultureInfo.InvariantCulture, $"Content-Length: {track.Size}\r\n");
                stopAt = MediaTrack.CutAt;
            }
            else if (track.Fault == MediaFault.CloseDelimited)
            {
                status = 200;
                start = 0;
                head.Append("HTTP/1.1 200 OK\r\n");
            }
            else
            {
                status = 200;
                start = 0;
                head.Append("HTTP/1.1 200 OK\r\n").Append(CultureInfo.InvariantCulture, $"Content-Length: {track.Size}\r\n");
            }

            Log(target, headers, status);
            head.Append("Content-Type: ").Append(track.ContentType).Append("\r\nConnection: close\r\n\r\n");
            await WriteAsync(stream, head.ToString());
            byte[] block = MediaContent.Block(track.TrackId);
            var buffer = new byte[ChunkSize];
            for (long offset = start; offset < stopAt;)
            {
                int length = (int)Math.Min(ChunkSize, stopAt - offset);
                MediaContent.Fill(block, offset, buffer.AsSpan(0, length));
                await stream.WriteAsync(buffer.AsMemory(0, length), stop.Token);
                shared.Stats.CountBytes(length);
                offset += length;
            }

            await stream.FlushAsync(stop.Token);
        }
    }

    private void Log(string target, Dictionary<string, string> headers, int status)
    {
        int query = target.IndexOf('?', StringComparison.Ordinal);
        shared.Log.Add(new RecordedRequest("GET", query < 0 ? target : target[..query], query < 0 ? string.Empty : target[query..], headers, null, status, shared.Time.GetUtcNow()) { Mirror = Name });
    }

    private Task WriteJsonAsync(NetworkStream stream, int status, string reason, string json) =>
        WriteAsync(stream, $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\nConnection: close\r\n\r\n{json}");

    private async Task WriteAsync(NetworkStream stream, string text) =>
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), stop.Token);
}
