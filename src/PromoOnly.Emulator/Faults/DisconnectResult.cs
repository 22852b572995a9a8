namespace PromoOnly.Emulator.Faults;

/// <summary>Drops the connection without writing anything, as a crashing server or proxy would.</summary>
internal sealed class DisconnectResult : IResult
{
    public static DisconnectResult Instance { get; } = new();

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Abort();
        return Task.CompletedTask;
    }
}
