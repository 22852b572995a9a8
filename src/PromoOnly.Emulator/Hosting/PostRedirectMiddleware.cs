namespace PromoOnly.Emulator.Hosting;

/// <summary>
/// --redirect-posts: every POST to a POOL endpoint is first answered with the configured redirect
/// status pointing at the same endpoint under /moved/, as a server that relocated its API would.
/// A request arriving under /moved/ is served by the real endpoint, so a client that re-sends the
/// POST with its form (307/308) gets a normal answer; the request log shows what it re-sent.
/// </summary>
internal sealed class PostRedirectMiddleware(RequestDelegate next, int status)
{
    public const string MovedPrefix = "/moved";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(MovedPrefix, out var rest))
        {
            request.Path = rest;
            return next(context);
        }

        if (HttpMethods.IsPost(request.Method) && !request.Path.StartsWithSegments("/_emulator"))
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = MovedPrefix + request.Path + request.QueryString;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
