namespace PromoOnly.Emulator.Hosting;

/// <summary>
/// Delays POOL API requests to exercise client timeouts and cancellation. The delay observes
/// RequestAborted, so a client that gives up frees the server immediately.
/// </summary>
internal sealed class LatencyMiddleware(RequestDelegate next, TimeSpan latency)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/_emulator"))
        {
            try
            {
                await Task.Delay(latency, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        await next(context);
    }
}
