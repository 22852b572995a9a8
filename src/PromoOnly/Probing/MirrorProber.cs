using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Probing;

/// <summary>
/// Measures a mirror's round trip with a few small requests to its download address. Probes carry
/// no credentials and follow no redirect: a mirror is not the API and must never see a token.
/// </summary>
internal sealed class MirrorProber
{
    private readonly HttpClient _http;
    private readonly string _userAgent;
    private readonly MonotonicClock _clock;

    public MirrorProber(HttpClient http, string userAgent, MonotonicClock? clock = null)
    {
        _http = http;
        _userAgent = userAgent;
        _clock = clock ?? MonotonicClock.System;
    }

    /// <summary>
    /// Where a probe result is valid: the host as reached through this transport (a session's
    /// proxy may see a mirror differently from a direct connection).
    /// </summary>
    public string CacheKey(string host) =>
        host + "|" + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_http).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><paramref name="samples"/> HEAD requests in a row, each bounded by <paramref name="timeout"/>; the median wins.</summary>
    public async Task<ProbeResult> ProbeAsync(string host, int samples, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!HostNameValidator.IsValid(host))
        {
            return ProbeResult.Unreachable(host, "it is not a plain DNS host name");
        }

        var address = new Uri("http://" + host + "/", UriKind.Absolute);
        PoolHttp.RecycleConnectionsTo(address);
        var latencies = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(timeout);
            using var request = new HttpRequestMessage(HttpMethod.Head, address);
            request.Headers.UserAgent.ParseAdd(_userAgent);
            TimeSpan sent = _clock.Now;
            try
            {
                // Any HTTP answer, even 404 or 405, proves the host is up and times the round trip.
                using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
                latencies[i] = (_clock.Now - sent).TotalMilliseconds;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ProbeResult.Unreachable(host, $"no answer within {timeout.TotalSeconds:0.#} s");
            }
            catch (HttpRequestException ex)
            {
                return ProbeResult.Unreachable(host, ServerText.Innermost(ex));
            }
        }

        return ProbeResult.Answered(host, Median(latencies));
    }

    internal static double Median(double[] values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
