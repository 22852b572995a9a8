using PromoOnly.Emulator.Diagnostics;

namespace PromoOnly.Emulator;

/// <summary>A started emulator. Dispose it to stop listening and release the port.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private int disposed;

    internal RunningEmulator(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The bound address with a trailing slash, e.g. http://127.0.0.1:53124/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Same numbers as GET /_emulator/stats.</summary>
    public EmulatorStats GetStats() => app.Services.GetRequiredService<CallCounters>().Snapshot();

    /// <summary>Same as DELETE /_emulator/stats.</summary>
    public void ResetStats() => app.Services.GetRequiredService<CallCounters>().Reset();

    /// <summary>Same entries as GET /_emulator/requests, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> GetRequests() => app.Services.GetRequiredService<RequestLog>().Snapshot();

    /// <summary>Same as DELETE /_emulator/requests.</summary>
    public void ClearRequests() => app.Services.GetRequiredService<RequestLog>().Clear();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }
}
