using PromoOnly.Emulator.Hosting;

namespace PromoOnly.Emulator.Faults;

/// <summary>
/// Never answers, so only the client's own timeout can end the request. It ends the moment
/// the client hangs up, and the server drops it when stopping rather than wait for it.
/// </summary>
internal sealed class HangResult : IResult
{
    public static HangResult Instance { get; } = new();

    public Task ExecuteAsync(HttpContext httpContext) => RequestWait.DelayAsync(httpContext, Timeout.InfiniteTimeSpan);
}
