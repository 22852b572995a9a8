using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Diagnostics;

namespace PromoOnly.Emulator.Mirrors;

/// <summary>
/// All configured mirrors, started before the API (whose answers for tracks 950000..950999
/// list their ports) and stopped after it.
/// </summary>
internal sealed class MirrorFleet : IAsyncDisposable
{
    // Mirror ids count up from here, well clear of the catalogue pool's 7..11.
    private const int FirstServerId = 101;

    private readonly IReadOnlyList<MirrorHost> mirrors;

    private MirrorFleet(IReadOnlyList<MirrorHost> mirrors)
    {
        this.mirrors = mirrors;
        Servers = mirrors.Select((mirror, index) => new MirrorServer(mirror.Host, FirstServerId + index)).ToArray();
    }

    /// <summary>Every mirror, live and dead, in configured order: the answer for the mirror tracks.</summary>
    public IReadOnlyList<MirrorServer> Servers { get; }

    public static async Task<MirrorFleet> StartAsync(
        IEnumerable<MirrorSpec> specs, RequestLog log, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = new List<MirrorHost>();
        try
        {
            foreach (var spec in specs)
            {
                started.Add(await MirrorHost.StartAsync(spec, log, time, cancellationToken));
            }
        }
        catch
        {
            await DisposeAllAsync(started);
            throw;
        }

        return new MirrorFleet(started);
    }

    public MirrorStatus[] Snapshot() => mirrors.Select(mirror => mirror.Status()).ToArray();

    public void ResetCounts()
    {
        foreach (var mirror in mirrors)
        {
            mirror.ResetCount();
        }
    }

    public ValueTask DisposeAsync() => DisposeAllAsync(mirrors);

    private static async ValueTask DisposeAllAsync(IEnumerable<MirrorHost> hosts)
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }
}
