using PromoOnly.Client;

namespace PromoOnly.Tests.Support;

/// <summary>
/// A command's log as it behaves once the command is disposed: writing to it throws, exactly as
/// the cmdlet's signalling event does after Ctrl+C or -ErrorAction Stop ended the command.
/// </summary>
internal sealed class ClosingLog : IPoolLog, IDisposable
{
    private int _disposed;

    public void Verbose(string message)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(ClosingLog));
        }
    }

    public void Dispose() => Volatile.Write(ref _disposed, 1);
}
