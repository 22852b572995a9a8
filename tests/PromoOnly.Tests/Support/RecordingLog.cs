using PromoOnly.Client;

namespace PromoOnly.Tests.Support;

internal sealed class RecordingLog : IPoolLog
{
    private readonly List<string> _lines = new();

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
        lock (_lines)
        {
            _lines.Add(message);
        }
    }
}
