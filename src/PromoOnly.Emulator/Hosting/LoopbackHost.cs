namespace PromoOnly.Emulator.Hosting;

/// <summary>
/// Host settings shared by the API server and the mirror listeners, so neither ever writes to
/// stdout, hooks signals, or lets a stuck request hold up shutdown for long.
/// </summary>
internal static class LoopbackHost
{
    public static WebApplicationBuilder CreateBuilder(string urls)
    {
        // Explicit ApplicationName: when hosted in a test process the entry assembly is the
        // test runner, which would otherwise become the application name.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls(urls);

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
        return builder;
    }
}
