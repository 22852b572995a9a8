namespace PromoOnly.Client;

/// <summary>
/// Where the core reports what it does. Implementations must be thread-safe: calls come from
/// thread-pool continuations, and the cmdlet layer forwards them to the pipeline thread.
/// Callers pass only allow-listed facts (method, URL, status, timing), never headers or bodies.
/// </summary>
internal interface IPoolLog
{
    /// <summary>
    /// False when no line would be shown (Verbose off): hot paths then skip building the text,
    /// which for thousands of lookups costs more than the lookup's own parsing.
    /// </summary>
    bool IsListening { get; }

    void Verbose(string message);
}

/// <summary>
/// The log of work a session owns rather than a command (token renewal, the distribution sync): its
/// lines would belong to whichever command started it, which may be gone by then, so there are none;
/// the outcome reaches the caller as a value or an error instead.
/// </summary>
internal sealed class SilentLog : IPoolLog
{
    public static readonly SilentLog Instance = new();

    public bool IsListening => false;

    public void Verbose(string message)
    {
    }
}
