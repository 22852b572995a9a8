using System.Security.Cryptography.X509Certificates;
using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Mirrors;

namespace PromoOnly.Emulator.Media;

/// <summary>
/// The media hosts, always running on loopback ports so every catalogue track can really be
/// downloaded: media-a and media-b (Range supported unless --media-no-range), media-norange (never
/// honours Range), and a dead port that refuses connections, listed first for the dead-mirror track.
/// </summary>
internal sealed class MediaFleet : IAsyncDisposable
{
    private readonly List<(string Name, WebApplication App, MirrorServer Server)> hosts = [];
    private RefusedPort? dead;
    private RawMediaHost? raw;

    public MirrorServer A => hosts[0].Server;

    public MirrorServer B => hosts[1].Server;

    public MirrorServer NoRange => hosts[2].Server;

    /// <summary>media-tls: https only, with <see cref="Certificate"/>.</summary>
    public MirrorServer Tls => hosts[3].Server;

    /// <summary>The test certificate media-tls serves, made at start (GET /_emulator/certificate).</summary>
    public X509Certificate2 Certificate { get; } = TestCertificate.Create();

    public MirrorServer Dead { get; private set; } = null!;

    /// <summary>media-raw: bodies framed only by the connection's close (see <see cref="RawMediaHost"/>).</summary>
    public MirrorServer Raw { get; private set; } = null!;

    public IEnumerable<(string Name, MirrorServer Server)> Hosts =>
        hosts.Select(h => (h.Name, h.Server)).Append(("media-dead", Dead)).Append(("media-raw", Raw));

    public static async Task<MediaFleet> StartAsync(bool rangeOnAandB, MediaShared shared, CancellationToken cancellationToken)
    {
        var fleet = new MediaFleet();
        try
        {
            await fleet.AddAsync("media-a", 201, rangeOnAandB, shared, cancellationToken);
            await fleet.AddAsync("media-b", 202, rangeOnAandB, shared, cancellationToken);
            await fleet.AddAsync("media-norange", 203, supportsRange: false, shared, cancellationToken);
            await fleet.AddAsync("media-tls", 204, supportsRange: true, shared, cancellationToken, fleet.Certificate);
            fleet.dead = new RefusedPort();
            fleet.Dead = new MirrorServer($"127.0.0.1:{fleet.dead.Port}", 209);
            fleet.raw = new RawMediaHost(shared);
            fleet.Raw = new MirrorServer(fleet.raw.Host, 205);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>The servers the queue lists for a track, in order.</summary>
    public IReadOnlyList<MirrorServer> ServersFor(MediaTrack track) => track switch
    {
        { Fault: MediaFault.DeadFirstMirror } => [Dead, A, B],
        // Only the host without Range: with a second one, probe timing decided which served the cut body.
        { TrackId: 990007 } => [NoRange],
        { Fault: MediaFault.OpenTotal or MediaFault.CloseDelimited } => [Raw],
        { TrackId: >= 973001 and <= 973099 } => [Tls],

        // 10,000 hosts a client must leave out (5,000 not host names, 5,000 outside loopback), then one it may use.
        { Fault: MediaFault.ManyBadHosts } => [
            .. Enumerable.Range(1, 5000).Select(i => new MirrorServer($"bad host {i}", 7000 + i)),
            .. Enumerable.Range(1, 5000).Select(i => new MirrorServer($"m{i}.elsewhere.example", 12000 + i)),
            A],

        // A link-local address (the cloud metadata service) that a client must never send credentials to.
        { TrackId: 990008 } => [new MirrorServer("169.254.169.254", 250), A],
        _ => [A, B],
    };

    public async ValueTask DisposeAsync()
    {
        dead?.Dispose();
        Certificate.Dispose();
        if (raw is not null)
        {
            await raw.DisposeAsync();
        }

        foreach (var host in hosts)
        {
            await host.App.StopAsync();
            await host.App.DisposeAsync();
        }
    }

    private async Task AddAsync(string name, int id, bool supportsRange, MediaShared shared, CancellationToken cancellationToken, X509Certificate2? certificate = null)
    {
        var app = MediaApp.Build(name, supportsRange, shared, certificate);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        hosts.Add((name, app, new MirrorServer($"127.0.0.1:{new Uri(app.Urls.First()).Port}", id)));
    }
}
