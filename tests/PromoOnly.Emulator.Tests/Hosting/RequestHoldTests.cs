using System.Net;
using System.Net.Http.Json;
using PromoOnly.Emulator;
using PromoOnly.Emulator.Options;

namespace PromoOnly.Emulator.Tests.Hosting;

/// <summary>POST /_emulator/hold keeps a path's requests in flight until DELETE lets them through.</summary>
public sealed class RequestHoldTests : IAsyncLifetime
{
    private RunningEmulator _emulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Urls = "http://127.0.0.1:0" });
        _http = new HttpClient { BaseAddress = _emulator.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task AHeldRequestIsInFlightUntilReleasedThenAnsweredAsUsual()
    {
        (await _http.PostAsync("_emulator/hold?path=/user/token/validate", null)).EnsureSuccessStatusCode();

        Task<HttpResponseMessage> held = _http.PostAsync("user/token/validate", Form());
        while (!(await InFlight()).Contains("/user/token/validate"))
        {
            await Task.Yield();
        }

        // Other paths pass while it waits.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync("download/server/337865")).StatusCode);
        Assert.False(held.IsCompleted);
        Assert.Equal(0, _emulator.GetStats().Validate);

        (await _http.DeleteAsync("_emulator/hold?path=/user/token/validate")).EnsureSuccessStatusCode();
        HttpResponseMessage answer = await held;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("\"token\"", await answer.Content.ReadAsStringAsync());
        Assert.Equal(1, _emulator.GetStats().Validate);
        Assert.Empty(await InFlight());

        // Released for good: the next request is answered at once.
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("user/token/validate", Form())).StatusCode);
    }

    private static FormUrlEncodedContent Form() =>
        new(new Dictionary<string, string> { ["userid"] = "1", ["token"] = "8b26e1e4f3f5e00a888807e605565c47" });

    private async Task<string[]> InFlight() => (await _http.GetFromJsonAsync<string[]>("_emulator/in-flight"))!;
}
