namespace PromoOnly.Client;

/// <summary>A log that discards everything, for callers that have nowhere to report to.</summary>
internal sealed class NullPoolLog : IPoolLog
{
    public static readonly NullPoolLog Instance = new();

    private NullPoolLog()
    {
    }

    public void Verbose(string message)
    {
    }
}
