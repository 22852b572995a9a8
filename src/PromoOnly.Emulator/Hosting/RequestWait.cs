using System.Diagnostics;

namespace PromoOnly.Emulator.Hosting;

/// <summary>
/// A delay inside a request that gives way to the client hanging up and to the server
/// stopping. Without the second, one slow request would hold up shutdown (and a test's
/// dispose) for the whole host shutdown timeout.
/// </summary>
internal static class RequestWait
{
    /// <summary>
    /// True when the delay ran its course. False when it was cut short; the connection is then
    /// gone (dropped here if the server is stopping), so the caller must not answer.
    /// Timers count time on a coarse clock and may fire a few milliseconds early by a Stopwatch,
    /// the clock clients time answers with: the wait is finished on a Stopwatch, so that a delay
    /// is a lower bound for them too.
    /// </summary>
    public static async Task<bool> DelayAsync(HttpContext context, TimeSpan delay)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        long started = Stopwatch.GetTimestamp();
        try
        {
            await Task.Delay(delay, either.Token);
            TimeSpan left;
            while (delay != Timeout.InfiniteTimeSpan && (left = delay - Stopwatch.GetElapsedTime(started)) > TimeSpan.Zero)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)), either.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (either.IsCancellationRequested)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                context.Abort();
            }

            return false;
        }
    }
}
