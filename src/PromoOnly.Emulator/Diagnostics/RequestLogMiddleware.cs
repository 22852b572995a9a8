using PromoOnly.Emulator.Endpoints;

namespace PromoOnly.Emulator.Diagnostics;

/// <summary>
/// Records each request as its answer starts, once the status code is known. Runs outermost so the
/// log also sees requests that fail routing (404/405) or are cut short by latency. Mirror listeners
/// run it too, tagged with their name, and record every path: they have no control endpoints.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, TimeProvider time, RequestSource source)
{
    private const int ClientClosedRequest = 499;

    public async Task InvokeAsync(HttpContext context)
    {
        if (source.Mirror is null && !RequestLog.ShouldRecord(context.Request.Path))
        {
            await next(context);
            return;
        }

        var arrived = time.GetUtcNow();
        var request = context.Request;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString());

        // Parsing the form here is free for the endpoints: ASP.NET caches the parsed form.
        var form = await FormFields.TryReadAsync(request);
        int recorded = 0;
        void Record()
        {
            // Once only: from OnStarting normally, from finally when no answer was ever sent.
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                log.Add(new RecordedRequest(
                    request.Method,
                    request.Path.Value ?? string.Empty,
                    request.QueryString.Value ?? string.Empty,
                    headers,
                    form?.ToDictionary(f => f.Key, f => f.Value.ToString()),
                    context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? ClientClosedRequest : context.Response.StatusCode,
                    arrived)
                {
                    Mirror = source.Mirror,
                });
            }
        }

        // Recording before the response starts means a client that has its answer can already
        // read the request in the log; recording afterwards raced with fast test clients.
        context.Response.OnStarting(() =>
        {
            Record();
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            Record();
        }
    }
}
