namespace PromoOnly.Emulator.Diagnostics;

/// <summary>
/// Counts POOL API requests in flight (control endpoints excluded) so /_emulator/stats can report
/// the most there ever were at once: the proof that a client's -ThrottleLimit holds.
/// </summary>
internal sealed class ConcurrencyMiddleware(RequestDelegate next, CallCounters counters)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/_emulator"))
        {
            await next(context);
            return;
        }

        counters.EnterRequest();
        try
        {
            await next(context);
        }
        finally
        {
            counters.LeaveRequest();
        }
    }
}
