using System.Collections.Concurrent;

namespace PromoOnly.Emulator.Hosting;

/// <summary>
/// POOL API paths whose requests wait at the door until a test lets them through
/// (POST/DELETE /_emulator/hold?path=…). A held request has arrived (GET /_emulator/in-flight lists
/// it) and stays unanswered for as long as the test needs, so "a renewal is on the wire" is a state
/// the test sets, not a latency it hopes is long enough. A client that hangs up ends its wait.
/// </summary>
internal sealed class RequestHolds
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> holds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>From now on, requests for <paramref name="path"/> wait until <see cref="Release"/>.</summary>
    public void Hold(string path) =>
        holds.GetOrAdd(path, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Lets every waiting request for <paramref name="path"/> through, and later ones pass at once.</summary>
    public void Release(string path)
    {
        if (holds.TryRemove(path, out var hold))
        {
            hold.TrySetResult();
        }
    }

    public async Task PassAsync(HttpContext context, RequestDelegate next)
    {
        if (holds.TryGetValue(context.Request.Path.Value ?? string.Empty, out var hold))
        {
            try
            {
                await hold.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        await next(context);
    }
}
