using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using PromoOnly.Client;

namespace PromoOnly.Auth;

/// <summary>
/// The documented calls of one command on behalf of a session: each with a current Bearer token
/// (renewed once after a 401 or a 2xx message when the session can), retried under the command's
/// policy and behind one back-off gate (a 429 pauses every call of the command), its answer read
/// inside the authorized call so that a message instead of data can trigger that renewal.
/// </summary>
internal sealed class SessionCalls
{
    private readonly PromoOnlySession _session;
    private readonly RetryPolicy _retry;
    private readonly BackoffGate _backoff;
    private readonly IPoolLog _log;

    public SessionCalls(PromoOnlySession session, PoolApiClient client, RetryPolicy retry, IPoolLog log)
    {
        _session = session;
        Client = client;
        _retry = retry;
        _backoff = new BackoffGate(MonotonicClock.System);
        _log = log;
    }

    public PoolApiClient Client { get; }

    public Uri BaseUri => Client.BaseUri;

    /// <param name="subject">What is asked for, as errors name it ("release 53719").</param>
    /// <param name="notFound">The kind a 404 means here.</param>
    /// <param name="salvage">For a 2xx body that is not strict JSON: the document it stands for after all (a documented quirk), or null.</param>
    public Task<T> GetAsync<T>(Uri uri, string subject, PoolErrorKind notFound, Func<JToken, string, T> read, CancellationToken cancel, Func<string, JToken?>? salvage = null) =>
        SendAsync(HttpMethod.Get, uri, form: null, subject, notFound, read, cancel, salvage);

    /// <summary>
    /// A Bearer POST of a form. <paramref name="form"/> builds the body afresh for every attempt
    /// (a retry or the resend after a renewal), and each body is wiped once sent. The POOL writes
    /// set a state (a filter, a naming, a queue entry), so sending one again cannot do harm twice.
    /// </summary>
    public Task<T> PostAsync<T>(Uri uri, Func<FormBody> form, string subject, PoolErrorKind notFound, Func<JToken, string, T> read, CancellationToken cancel) =>
        SendAsync(HttpMethod.Post, uri, form, subject, notFound, read, cancel, salvage: null);

    private Task<T> SendAsync<T>(HttpMethod method, Uri uri, Func<FormBody>? form, string subject, PoolErrorKind notFound, Func<JToken, string, T> read, CancellationToken cancel, Func<string, JToken?>? salvage)
    {
        string what = Capitalized(subject);
        return _retry.RunAsync(
            c => _session.WithBearerAsync(
                async (authorization, c2) =>
                {
                    using FormBody? body = form?.Invoke();
                    JToken document = await Client.SendForDocumentAsync(method, uri, authorization, body, subject, notFound, c2, salvage).ConfigureAwait(false);
                    return read(document, subject);
                },
                what,
                c),
            _backoff,
            _log,
            what,
            cancel);
    }

    internal static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
