using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;
using PromoOnly.Pipeline;
using PromoOnly.Probing;

namespace PromoOnly.Commands;

/// <summary>
/// Base of every cmdlet that calls the POOL API. It owns the cancellation that Ctrl+C triggers,
/// and it waits for core work on the pipeline thread while forwarding the core's log lines, so
/// nothing is ever written to the pipeline from another thread.
/// </summary>
public abstract class PromoCmdlet : PSCmdlet, IDisposable, IPoolLog, IPoolWarnings
{
    private static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    // Cancelled work ends at once; this only bounds the wait if something misbehaves.
    private static readonly TimeSpan DrainOnDispose = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<string> _verbose = new();
    private readonly ConcurrentQueue<string> _warnings = new();
    // How often a waiting pipeline thread wakes up for OnTick (progress), about five times a second.
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(200);

    // Wakes the pipeline thread for either reason it waits: a log line, or the awaited task ending.
    private readonly AutoResetEvent _wake = new(false);

    // Until the pipeline thread has read -Verbose / $VerbosePreference, assume someone listens.
    private volatile bool _listening = true;
    private string? _userAgent;
    private Func<IEnumerable<Task>>? _inFlight;
    private int _disposed;

    /// <summary>Cancelled by Ctrl+C or a terminating error; every core call takes it.</summary>
    protected CancellationToken CancelToken => _stopping.Token;

    /// <summary>The User-Agent of every request this command sends.</summary>
    internal string UserAgentString => _userAgent ??= UserAgent.Create(PowerShellVersion());

    /// <summary>A client for a new session: the shared HttpClient, or the one for an explicit proxy.</summary>
    internal PoolApiClient CreateClient(Uri baseUri, HttpClient http, Uri? proxy, TimeSpan? timeout = null)
    {
        _listening = CallerShows(CallerStream.Verbose);
        return new(http, baseUri, UserAgentString, timeout ?? DefaultRequestTimeout, this, proxy);
    }

    /// <summary>
    /// Mirror latency for this command: the process-wide probe cache and limit, no credentials, and
    /// <paramref name="http"/>, the session's transport (its proxy) when there is a session.
    /// </summary>
    internal MirrorRanking CreateRanking(HttpClient http, int samples, TimeSpan timeout, bool force)
    {
        _listening = CallerShows(CallerStream.Verbose);
        return new(new MirrorProber(http, UserAgentString), ProbeCache.Shared, samples, timeout, force ? DateTime.UtcNow : DateTime.MinValue, this);
    }

    /// <summary>A client for calls on behalf of <paramref name="session"/>, over the session's HttpClient.</summary>
    internal PoolApiClient CreateClient(PromoOnlySession session, TimeSpan? timeout = null) =>
        CreateClient(session.ApiBaseUri, session.Http, session.Proxy, timeout);

    /// <summary>Blocks the pipeline thread until <paramref name="task"/> ends, writing its log lines meanwhile.</summary>
    internal T Await<T>(Task<T> task)
    {
        // Most results in a long pipeline are finished by the time they are written: no waiting,
        // and no kernel wait handle per task (IAsyncResult.AsyncWaitHandle makes one each time).
        if (!task.IsCompleted)
        {
            task.ContinueWith(static (_, wake) => Signal((AutoResetEvent)wake!), _wake, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (!task.IsCompleted)
            {
                FlushLog();
                if (!_wake.WaitOne(TickInterval))
                {
                    OnTick();
                }
            }
        }

        FlushLog();
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// Starts <paramref name="item"/> in <paramref name="pipeline"/> and writes, on this (the pipeline)
    /// thread, every result that is ready at its head, in input order.
    /// </summary>
    internal void AddInOrder<TIn, TOut>(OrderedPipeline<TIn, TOut> pipeline, TIn item, Action<TOut> write)
    {
        WaitOnDispose(pipeline);
        pipeline.Add(item, Await, write);
    }

    /// <summary>A result known without any work keeps its place in the output order too.</summary>
    internal void AddResultInOrder<TIn, TOut>(OrderedPipeline<TIn, TOut> pipeline, TOut result, Action<TOut> write)
    {
        WaitOnDispose(pipeline);
        pipeline.AddResult(result, Await, write);
    }

    /// <summary>Waits for and writes everything still pending, in input order.</summary>
    internal void DrainInOrder<TIn, TOut>(OrderedPipeline<TIn, TOut> pipeline, Action<TOut> write) =>
        pipeline.Drain(Await, write);

    /// <summary>The session a data cmdlet works with: <paramref name="explicitSession"/>, else the default; ends the command if there is none or it was disconnected.</summary>
    internal PromoOnlySession RequireSession(PromoOnlySession? explicitSession)
    {
        PromoOnlySession? session = explicitSession ?? Auth.SessionStore.Current;
        if (session is null)
        {
            ThrowTerminatingError(ErrorRecords.NotConnected());
        }

        if (session!.IsDisconnected)
        {
            ThrowTerminatingError(ErrorRecords.DisconnectedSession(session));
        }

        return session;
    }

    /// <summary>
    /// Writes <paramref name="errorRecord"/> with its advice shown once in the current error view.
    /// Hides Cmdlet.WriteError on purpose, so every error of every PromoOnly cmdlet goes through it.
    /// </summary>
    public new void WriteError(ErrorRecord errorRecord) => base.WriteError(ErrorRecords.ForErrorView(errorRecord, ErrorView()));

    /// <summary>Ends the command with <paramref name="errorRecord"/>, its advice shown once in the current error view.</summary>
    public new void ThrowTerminatingError(ErrorRecord errorRecord) => base.ThrowTerminatingError(ErrorRecords.ForErrorView(errorRecord, ErrorView()));

    /// <summary>
    /// Writes <paramref name="failure"/> as an error about <paramref name="target"/> so the other inputs
    /// carry on; a failure of the session itself (<see cref="PoolApiException.FailsEveryCall"/>) ends the
    /// command instead, since every other input would be refused the same way.
    /// </summary>
    internal void WriteFailure(PoolApiException failure, object? target)
    {
        ErrorRecord record = ErrorRecords.FromApiFailure(failure, target);
        if (failure.FailsEveryCall)
        {
            CancelPendingWork();
            ThrowTerminatingError(record);
        }

        WriteError(record);
    }

    bool IPoolLog.IsListening => _listening;

    void IPoolLog.Verbose(string message)
    {
        // Work this command started may outlive it (a shared probe, say): its lines then go nowhere
        // rather than failing that work for the commands still waiting on it.
        if (!_listening || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        _verbose.Enqueue(message);
        Signal(_wake);
    }

    void IPoolWarnings.Warning(string message)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        _warnings.Enqueue(message);
        Signal(_wake);
    }

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Cancels everything in flight, before a terminating error ends the command.</summary>
    protected void CancelPendingWork() => _stopping.Cancel();

    /// <summary>Called on the pipeline thread every <see cref="TickInterval"/> while it waits, e.g. to show progress.</summary>
    protected virtual void OnTick()
    {
    }

    protected virtual void DisposeResources()
    {
    }

    public void Dispose()
    {
        // Leave nothing running behind the command: Ctrl+C, a terminating error or -ErrorAction Stop
        // can end it with lookups still in flight.
        Task[] pending = _inFlight is null ? Array.Empty<Task>() : _inFlight().ToArray();
        if (pending.Length > 0)
        {
            _stopping.Cancel();
            try
            {
                Task.WaitAll(pending, DrainOnDispose);
            }
            catch (AggregateException)
            {
                // Cancelled lookups end with OperationCanceledException; that is the point.
            }
        }

        DisposeResources();
        Volatile.Write(ref _disposed, 1);
        _stopping.Dispose();
        _wake.Dispose();
    }

    private static void Signal(AutoResetEvent wake)
    {
        try
        {
            wake.Set();
        }
        catch (ObjectDisposedException)
        {
            // A lookup abandoned by Dispose finished late: nobody waits for it any more.
        }
    }

    /// <summary>The streams whose preference a command reads, to skip work nobody would see.</summary>
    protected enum CallerStream
    {
        Verbose,
        Progress,
    }

    /// <summary>
    /// Whether the caller would see <paramref name="stream"/>: the common parameter given to this command
    /// (-Verbose, -ProgressAction), else the preference variable as this command's scope sees it, which
    /// includes the caller's local scopes (an advanced function run with -Verbose sets its own
    /// $VerbosePreference). The same rule the engine applies before it shows a record.
    /// </summary>
    protected bool CallerShows(CallerStream stream)
    {
        (string parameter, string variable) = stream == CallerStream.Verbose
            ? ("Verbose", "VerbosePreference")
            : ("ProgressAction", "ProgressPreference");
        object? value = MyInvocation.BoundParameters.TryGetValue(parameter, out object? bound) ? bound : GetVariableValue(variable);
        return value switch
        {
            SwitchParameter given => given.IsPresent,
            _ when LanguagePrimitives.TryConvertTo(value, out ActionPreference preference) =>
                preference is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore),
            _ => true,
        };
    }

    private void WaitOnDispose<TIn, TOut>(OrderedPipeline<TIn, TOut> pipeline) =>
        // Remembered so Dispose can cancel and wait for whatever is still running.
        _inFlight ??= () => pipeline.Unwritten;

    private void FlushLog()
    {
        while (_verbose.TryDequeue(out string? message))
        {
            WriteVerbose(message);
        }

        while (_warnings.TryDequeue(out string? warning))
        {
            WriteWarning(warning);
        }
    }

    private string? ErrorView() => SessionState.PSVariable.GetValue("ErrorView")?.ToString();

    private string? PowerShellVersion() =>
        (SessionState.PSVariable.GetValue("PSVersionTable") as IDictionary)?["PSVersion"]?.ToString();
}
