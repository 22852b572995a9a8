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

    public void ResetCount() => Interlocked.Exchange(ref connections, 0);

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
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }
    }
}
