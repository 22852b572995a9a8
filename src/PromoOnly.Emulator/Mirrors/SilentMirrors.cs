using System.Net;
using System.Net.Sockets;
using PromoOnly.Emulator.Catalogue;

namespace PromoOnly.Emulator.Mirrors;

/// <summary>
/// Loopback ports that accept every connection and never send a byte: the hostile mirror list of
/// the attack run (hundreds of hosts that connect but never answer). Accepted sockets are held
/// open until the emulator stops, so a client sees a live TCP peer that simply stays silent.
/// </summary>
internal sealed class SilentMirrors : IAsyncDisposable
{
    // Server ids count up from here, clear of the catalogue pool and the --mirror fleet.
    private const int FirstServerId = 5001;

    private readonly List<Socket> listeners = new();
    private readonly List<Socket> accepted = new();
    private readonly List<Task> acceptLoops = new();
    private readonly CancellationTokenSource stop = new();
    private long connections;
    private long mediaRequests;
    private long tlsHellos;

    private SilentMirrors()
    {
    }

    /// <summary>Every silent host as 127.0.0.1:port, the answer for tracks 951000..951999.</summary>
    public IReadOnlyList<MirrorServer> Servers { get; private set; } = [];

    /// <summary>Connections accepted since start-up or the last stats reset.</summary>
    public long Connections => Interlocked.Read(ref connections);

    public static SilentMirrors Start(int count)
    {
        var mirrors = new SilentMirrors();
        var servers = new List<MirrorServer>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                mirrors.listeners.Add(listener);
                listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                listener.Listen(128);
                servers.Add(new MirrorServer($"127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}", FirstServerId + i));
                mirrors.acceptLoops.Add(mirrors.AcceptForeverAsync(listener));
            }
        }
        catch
        {
            mirrors.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        mirrors.Servers = servers;
        return mirrors;
    }

    /// <summary>Connections whose first bytes were a media request (GET /pool/v5/download/…) over plain http.</summary>
    public long MediaRequests => Interlocked.Read(ref mediaRequests);

    /// <summary>Connections whose first bytes were a TLS hello (a client trying https:// first).</summary>
    public long TlsHellos => Interlocked.Read(ref tlsHellos);

    public void ResetCount()
    {
        Interlocked.Exchange(ref connections, 0);
        Interlocked.Exchange(ref mediaRequests, 0);
        Interlocked.Exchange(ref tlsHellos, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        foreach (var socket in listeners)
        {
            socket.Dispose();
        }

        await Task.WhenAll(acceptLoops);
        lock (accepted)
        {
            foreach (var socket in accepted)
            {
                socket.Dispose();
            }

            accepted.Clear();
        }

        stop.Dispose();
    }

    /// <summary>Reads what the client sent first (never answering it), so a test can tell probes, media requests and TLS hellos apart.</summary>
    private async Task ClassifyAsync(Socket socket)
    {
        var first = new byte[32];
        try
        {
            int read = await socket.ReceiveAsync(first, SocketFlags.None, stop.Token);
            if (read > 0 && first[0] == 0x16)
            {
                Interlocked.Increment(ref tlsHellos);
            }
            else if (read > 0 && System.Text.Encoding.ASCII.GetString(first, 0, read).StartsWith("GET /pool/v5/download/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref mediaRequests);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client hung up or the emulator is stopping.
        }
    }

    private async Task AcceptForeverAsync(Socket listener)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(stop.Token);
                Interlocked.Increment(ref connections);
                lock (accepted)
                {
                    accepted.Add(socket);
                }

                _ = ClassifyAsync(socket);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }
    }
}
