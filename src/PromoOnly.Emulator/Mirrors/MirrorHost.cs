using PromoOnly.Emulator.Diagnostics;

namespace PromoOnly.Emulator.Mirrors;

/// <summary>One configured mirror, running: a live listener, or a refused port for a dead one.</summary>
internal sealed class MirrorHost : IAsyncDisposable
{
    private readonly MirrorSpec spec;
    private WebApplication? app;
    private RefusedPort? refusedPort;
    private long requests;

    private MirrorHost(MirrorSpec spec) => this.spec = spec;

    public int Port { get; private set; }

    /// <summary>host:port, as the server list gives it.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public static async Task<MirrorHost> StartAsync(
        MirrorSpec spec, RequestLog log, TimeProvider time, CancellationToken cancellationToken)
    {
        var mirror = new MirrorHost(spec);
        if (spec.Dead)
        {
            mirror.refusedPort = new RefusedPort();
            mirror.Port = mirror.refusedPort.Port;
            return mirror;
        }

        var app = MirrorApp.Build(spec, mirror.CountRequest, log, time);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        mirror.app = app;
        mirror.Port = new Uri(app.Urls.First()).Port;
        return mirror;
    }

    public MirrorStatus Status() => new(spec.Name, Host, spec.DelayMs, spec.Dead, Interlocked.Read(ref requests));

    public void ResetCount() => Interlocked.Exchange(ref requests, 0);

    public async ValueTask DisposeAsync()
    {
        refusedPort?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private void CountRequest() => Interlocked.Increment(ref requests);
}
