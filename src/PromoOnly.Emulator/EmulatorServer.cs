using System.Text.Encodings.Web;
using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Endpoints;
using PromoOnly.Emulator.Faults;
using PromoOnly.Emulator.Hosting;
using PromoOnly.Emulator.Media;
using PromoOnly.Emulator.Mirrors;
using PromoOnly.Emulator.Options;

namespace PromoOnly.Emulator;

/// <summary>
/// Starts the emulator on Kestrel. The console app and in-process tests both come through
/// here, so they get an identical server.
/// </summary>
public static class EmulatorServer
{
    public static async Task<RunningEmulator> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // The mirrors come first: the API's answers for the mirror tracks carry their ports. They
        // share the API's request log so one log shows everything a client did.
        var log = new RequestLog();
        var mirrors = await MirrorFleet.StartAsync(options.Mirrors, log, options.TimeProvider, cancellationToken);
        var media = new MediaShared(new TokenStore(options.TimeProvider, TimeSpan.FromSeconds(options.TokenTtlSeconds)), new DownloadTickets(), new MediaStats(), log, options.TimeProvider, new Catalogue.ReleaseCatalogue(options.TimeProvider), new MediaControls())
        {
            EchoRequests = options.EchoRequests,
            LineBytesPerSecond = (long)(options.MediaRateMiBPerSecond * 1024 * 1024),
        };
        SilentMirrors? silent = null;
        MediaFleet? mediaFleet = null;
        WebApplication? app = null;
        try
        {
            silent = SilentMirrors.Start(options.SilentMirrors);
            mediaFleet = await MediaFleet.StartAsync(!options.MediaWithoutRange, media, cancellationToken);
            app = Build(options, log, mirrors, silent, media, mediaFleet);
            await app.StartAsync(cancellationToken);
            // After start Kestrel reports the addresses it actually bound, so port 0 is resolved.
            return new RunningEmulator(app, new Uri(app.Urls.First().TrimEnd('/') + "/"), mirrors, silent, mediaFleet);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (mediaFleet is not null)
            {
                await mediaFleet.DisposeAsync();
            }

            if (silent is not null)
            {
                await silent.DisposeAsync();
            }

            await mirrors.DisposeAsync();
            throw;
        }
    }

    private static WebApplication Build(EmulatorOptions options, RequestLog log, MirrorFleet mirrors, SilentMirrors silent, MediaShared media, MediaFleet mediaFleet)
    {
        var builder = LoopbackHost.CreateBuilder(options.Urls);

        // Relaxed escaping keeps logged header values readable (base64 '+' stays '+'); the API
        // answers themselves contain only ASCII host names and messages.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        // Instances are created here, from the options as they are now, so changing the options
        // object after start-up cannot half-reconfigure a running server.
        var time = options.TimeProvider;
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(new ServerClock(time, TimeSpan.FromSeconds(options.ClockSkewSeconds)));
        builder.Services.AddSingleton(media.Tokens);
        builder.Services.AddSingleton(media.Tickets);
        builder.Services.AddSingleton(media.Stats);
        builder.Services.AddSingleton(mediaFleet);
        builder.Services.AddSingleton(media.Controls);
        builder.Services.AddSingleton(new AuthQuirks(options.BadTokenAsResult, options.AuthenticateUnavailableAfter, options.AuthenticateRetryAfterSeconds));
        builder.Services.AddSingleton(new FaultTable(options.Faults));
        builder.Services.AddSingleton(new RepeatedPages(options.RepeatPages));
        builder.Services.AddSingleton(new RateFaults(options.FaultRate, options.FaultSeed, options.FaultRetryAfterSeconds));
        builder.Services.AddSingleton(new TrackRequestCounts());
        builder.Services.AddSingleton(log);
        builder.Services.AddSingleton(mirrors);
        builder.Services.AddSingleton(silent);
        builder.Services.AddSingleton(new CallCounters());
        builder.Services.AddSingleton<StatsReset>();
        var inFlight = new InFlightRequests();
        builder.Services.AddSingleton(inFlight);
        var holds = new RequestHolds();
        builder.Services.AddSingleton(holds);
        builder.Services.AddSingleton(media.Catalogue);
        builder.Services.AddSingleton(new Catalogue.DownloadMarks());
        builder.Services.AddSingleton(new SearchLog());
        builder.Services.AddSingleton(new EndpointFaults(options.EndpointFaults));
        builder.Services.AddSingleton(new Catalogue.AccountState());
        builder.Services.AddSingleton(new Catalogue.DjSessions(media.Catalogue));

        var app = builder.Build();
        app.UseMiddleware<RequestLogMiddleware>(RequestSource.Api);
        if (options.EchoRequests)
        {
            app.UseMiddleware<RequestEchoMiddleware>();
        }

        app.Use(inFlight.TrackAsync);
        app.Use(holds.PassAsync);
        app.UseMiddleware<ConcurrencyMiddleware>();
        if (options.RedirectPostsStatus is { } redirect)
        {
            app.UseMiddleware<PostRedirectMiddleware>(redirect);
        }

        if (options.LatencyMs > 0)
        {
            app.UseMiddleware<LatencyMiddleware>(TimeSpan.FromMilliseconds(options.LatencyMs));
        }

        // Explicitly here, after the middleware above, so an endpoint is chosen from the path as
        // --redirect-posts leaves it (WebApplication would otherwise route before any middleware).
        app.UseRouting();

        app.MapServerEndpoint();
        app.MapDownloadEndpoints();
        app.MapUserEndpoints();
        app.MapCatalogueEndpoints();
        app.MapBrowseEndpoints();
        app.MapPreferenceEndpoints();
        app.MapAccountEndpoints();
        app.MapControlEndpoints();
        return app;
    }
}
