using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Mirrors;
using PromoOnly.Emulator.Media;

namespace PromoOnly.Emulator;

/// <summary>A started emulator. Dispose it to stop listening and release the ports, mirrors' included.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly MirrorFleet mirrors;
    private readonly SilentMirrors silent;
    private readonly MediaFleet media;
    private int disposed;

    internal RunningEmulator(WebApplication app, Uri baseAddress, MirrorFleet mirrors, SilentMirrors silent, MediaFleet media)
    {
        this.media = media;
        this.app = app;
        this.mirrors = mirrors;
        this.silent = silent;
        BaseAddress = baseAddress;
    }

    /// <summary>The bound address with a trailing slash, e.g. http://127.0.0.1:53124/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Same as GET /_emulator/certificate: the PEM of media-tls's test certificate.</summary>
    public string CertificatePem => media.Certificate.ExportCertificatePem();

    /// <summary>Same numbers as GET /_emulator/stats.</summary>
    public EmulatorStats GetStats() => app.Services.GetRequiredService<StatsReset>().Snapshot();

    /// <summary>Same as DELETE /_emulator/stats: also restarts every track's request numbering.</summary>
    public void ResetStats() => app.Services.GetRequiredService<StatsReset>().Reset();

    /// <summary>Same entries as GET /_emulator/requests, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> GetRequests() => app.Services.GetRequiredService<RequestLog>().Snapshot();

    /// <summary>Same as DELETE /_emulator/requests.</summary>
    public void ClearRequests() => app.Services.GetRequiredService<RequestLog>().Clear();

    /// <summary>Same entries as GET /_emulator/mirrors, in configured order.</summary>
    public IReadOnlyList<MirrorStatus> GetMirrors() => mirrors.Snapshot();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        // The API first, so it never hands out a mirror that is already gone.
        try
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        finally
        {
            await media.DisposeAsync();
            await silent.DisposeAsync();
            await mirrors.DisposeAsync();
        }
    }
}
