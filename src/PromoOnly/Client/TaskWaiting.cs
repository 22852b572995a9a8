#if !NET
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Client;

/// <summary>
/// Task.WaitAsync for the netstandard2.0 build: stop waiting on cancellation without cancelling the
/// shared work. The net8.0 build calls .NET's own.
/// </summary>
internal static class TaskWaiting
{
    public static async Task<T> WaitAsync<T>(this Task<T> task, CancellationToken cancellationToken)
    {
        if (task.IsCompleted || !cancellationToken.CanBeCanceled)
        {
            return await task.ConfigureAwait(false);
        }

        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return await task.ConfigureAwait(false);
    }
}
#endif
