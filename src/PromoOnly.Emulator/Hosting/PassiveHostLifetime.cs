namespace PromoOnly.Emulator.Hosting;

/// <summary>
/// Replaces the default console lifetime, which would hook Ctrl+C and SIGTERM. Inside a test
/// process that would steal the test runner's signals; the console host handles them itself.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
