using PromoOnly.Emulator;
using PromoOnly.Emulator.Options;

namespace PromoOnly.Tests.AgainstEmulator;

/// <summary>An in-process emulator on a free loopback port, for tests that must talk real HTTP.</summary>
internal static class TestEmulator
{
    public static Task<RunningEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Urls = "http://127.0.0.1:0" };
        configure?.Invoke(options);
        return EmulatorServer.StartAsync(options);
    }
}
