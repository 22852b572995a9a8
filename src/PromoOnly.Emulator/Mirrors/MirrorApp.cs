using System.Text;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Hosting;

namespace PromoOnly.Emulator.Mirrors;

/// <summary>
/// The little server behind one live mirror: any path, GET or HEAD, answered after the mirror's
/// delay with 200 text/plain "mirror {name}". Its requests go to the API's request log, tagged
/// with the mirror name, so tests can see what a client sent there (e.g. no Authorization).
/// </summary>
internal static class MirrorApp
{
    public static WebApplication Build(MirrorSpec spec, Action countRequest, RequestLog log, TimeProvider time)
    {
        var builder = LoopbackHost.CreateBuilder("http://127.0.0.1:0");
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(log);

        var app = builder.Build();
        app.UseMiddleware<RequestLogMiddleware>(new RequestSource(spec.Name));
        var body = Encoding.UTF8.GetBytes($"mirror {spec.Name}");
        var delay = TimeSpan.FromMilliseconds(spec.DelayMs);
        app.Run(async context =>
        {
            countRequest();
            var method = context.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = "GET, HEAD";
                return;
            }

            if (!await RequestWait.DelayAsync(context, delay))
            {
                return;
            }

            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.ContentLength = body.Length;
            if (!HttpMethods.IsHead(method))
            {
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
            }
        });
        return app;
    }
}
