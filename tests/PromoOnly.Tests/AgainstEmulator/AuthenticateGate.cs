namespace PromoOnly.Tests.AgainstEmulator;

/// <summary>
/// Real HTTP to the emulator, except that <c>POST /user/authenticate</c> can be held at the door:
/// a test learns the moment a renewal is on the wire (<see cref="Started"/>) and decides when it
/// may finish (<see cref="Release"/>), so "a renewal is in flight" is an event, not a guess about timing.
/// </summary>
internal sealed class AuthenticateGate : DelegatingHandler
{
    private readonly object _sync = new();
    private TaskCompletionSource<bool>? _release;
    private TaskCompletionSource<bool> _started = NewSignal();
    private readonly TaskCompletionSource<bool> _heldCancelled = NewSignal();
    private int _sent;

    public AuthenticateGate()
        : base(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
    }

    /// <summary>How many authenticate requests reached this handler.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Completes when a held authenticate request arrives.</summary>
    public Task Started
    {
        get
        {
            lock (_sync)
            {
                return _started.Task;
            }
        }
    }

    /// <summary>Completes if a held request's own cancellation fired (its time limit, or its caller's Ctrl+C).</summary>
    public Task HeldRequestCancelled => _heldCancelled.Task;

    /// <summary>From now on, authenticate requests wait until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_sync)
        {
            _release = NewSignal();
            _started = NewSignal();
        }
    }

    public void Release()
    {
        lock (_sync)
        {
            _release?.TrySetResult(true);
            _release = null;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/user/authenticate", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _sent);
            Task? wait;
            lock (_sync)
            {
                wait = _release?.Task;
                _started.TrySetResult(true);
            }

            if (wait is not null)
            {
                using (cancellationToken.Register(() => _heldCancelled.TrySetResult(true)))
                {
                    await wait.WaitAsync(cancellationToken);
                }
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
