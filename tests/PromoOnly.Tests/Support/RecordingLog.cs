using PromoOnly.Client;

namespace PromoOnly.Tests.Support;

internal sealed class RecordingLog : IPoolLog, IPoolWarnings
{
    private readonly List<string> _lines = new();
    private readonly List<string> _warnings = new();

    public RecordingLog(bool listening = true) => IsListening = listening;

    public bool IsListening { get; }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    public void Verbose(string message)
    {
        Assert.True(IsListening, "Verbose text was built for a log that is not listening: " + message);
        lock (_lines)
        {
            _lines.Add(message);
        }
    }

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return _warnings.ToArray();
            }
        }
    }

    public void Warning(string message)
    {
        lock (_warnings)
        {
            _warnings.Add(message);
        }
    }
}
