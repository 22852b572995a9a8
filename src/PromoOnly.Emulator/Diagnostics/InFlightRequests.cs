using System.Collections.Concurrent;

namespace PromoOnly.Emulator.Diagnostics;

/// <summary>
/// The POOL API requests that have arrived and not yet been answered, by path. Tests wait on this to
/// act while a request is in flight (stop a client mid-renewal, say) instead of guessing a delay.
/// Registered before the latency middleware, so a delayed request shows here for its whole delay.
/// </summary>
internal sealed class InFlightRequests
{
    private readonly ConcurrentDictionary<long, string> active = new();
    private long next;

    public IReadOnlyList<string> Snapshot() => active.OrderBy(a => a.Key).Select(a => a.Value).ToArray();

    public async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/_emulator"))
        {
            await next(context);
            return;
        }

        long id = Interlocked.Increment(ref this.next);
        active[id] = context.Request.Path.Value ?? string.Empty;
        try
        {
            await next(context);
        }
        finally
        {
            active.TryRemove(id, out _);
        }
    }
}
