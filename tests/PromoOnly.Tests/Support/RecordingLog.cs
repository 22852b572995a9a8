using PromoOnly.Client;

namespace PromoOnly.Tests.Support;

internal sealed class RecordingLog : IPoolLog
{
    private readonly List<string> _lines = new();

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
}
