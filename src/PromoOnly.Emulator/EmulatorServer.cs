using System.Text.Encodings.Web;
using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Endpoints;
using PromoOnly.Emulator.Faults;
using PromoOnly.Emulator.Hosting;
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

        var app = Build(options);
        try
        {
            await app.StartAsync(cancellationToken);
            // After start Kestrel reports the addresses it actually bound, so port 0 is resolved.
            return new RunningEmulator(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static WebApplication Build(EmulatorOptions options)
    {
        // Explicit ApplicationName: when hosted in a test process the entry assembly is the
        // test runner, which would otherwise become the application name.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls(options.Urls);

        // stdout belongs to the single "listening on" line test harnesses read, so framework
        // logging is turned down to warnings and sent to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

        // Start-up failures are rethrown to the caller, which reports them; the host's own
        // multi-screen stack trace for the same failure would only bury that message.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);

        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        // Relaxed escaping keeps logged header values readable (base64 '+' stays '+'); the API
        // answers themselves contain only ASCII host names and messages.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        // Instances are created here, from the options as they are now, so changing the options
        // object after start-up cannot half-reconfigure a running server.
        var time = options.TimeProvider;
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(new ServerClock(time, TimeSpan.FromSeconds(options.ClockSkewSeconds)));
        builder.Services.AddSingleton(new TokenStore(time, TimeSpan.FromSeconds(options.TokenTtlSeconds)));
        builder.Services.AddSingleton(new FaultTable(options.Faults));
        builder.Services.AddSingleton(new RequestLog());
        builder.Services.AddSingleton(new CallCounters());

        var app = builder.Build();
        app.UseMiddleware<RequestLogMiddleware>();
        if (options.LatencyMs > 0)
        {
            app.UseMiddleware<LatencyMiddleware>(TimeSpan.FromMilliseconds(options.LatencyMs));
        }

        app.MapServerEndpoint();
        app.MapUserEndpoints();
        app.MapControlEndpoints();
        return app;
    }
}
