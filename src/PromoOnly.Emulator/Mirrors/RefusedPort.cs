using System.Net;
using System.Net.Sockets;

namespace PromoOnly.Emulator.Mirrors;

/// <summary>
/// A loopback port that refuses connections. The socket is bound but never listens: connecting
/// is refused exactly as if the port were closed, and holding the binding keeps the OS from
/// handing the same port to another port-0 listener (such as a live mirror) meanwhile.
/// </summary>
internal sealed class RefusedPort : IDisposable
{
    private readonly Socket socket;

    public RefusedPort()
    {
        socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => socket.Dispose();
}
