using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;
using PromoOnly.Probing;

namespace PromoOnly.Downloads;

/// <summary>
/// Which of a track's listed mirrors a download tries, in which order: only hosts that may receive
/// the credentials (<see cref="MediaHostPolicy"/>); the best few by probe (the same cache as
/// -Fastest), then the rest in the API's order; never more than <see cref="MaxTried"/>, so a list
/// of hanging hosts costs a few timeouts, not dozens. Everything left out is summarised in one
/// InvalidServerHost error per track, however many hosts the answer named.
/// </summary>
internal sealed class MirrorChoice
{
    /// <summary>How many usable hosts of one track are probed at all; the rest of a hostile list is left out unseen.</summary>
    public const int MaxProbed = 64;

    /// <summary>How many mirrors one track's download tries at most.</summary>
    public const int MaxTried = 5;

    /// <summary>How many of those are the fastest by probe; the others follow the API's order.</summary>
    public const int BestByProbe = 3;

    private const int Examples = 3;

    private readonly MediaHostPolicy _policy;
    private readonly MirrorRanking? _ranking;
    private readonly IPoolLog _log;

    public MirrorChoice(MediaHostPolicy policy, MirrorRanking? ranking, IPoolLog log)
    {
        _policy = policy;
        _ranking = ranking;
        _log = log;
    }

    /// <summary>The mirrors to try, in order; adds the summary of left-out hosts to <paramref name="problems"/> when given.</summary>
    public async Task<IReadOnlyList<QueuedServer>> ChooseAsync(QueuedTrack queued, List<PoolApiException>? problems, CancellationToken cancellationToken)
    {
        List<QueuedServer> allowed = queued.Servers.Where(s => _policy.MayReceiveCredentials(s.Host)).ToList();
        int ignored = Math.Max(0, allowed.Count - MaxProbed);
        allowed.RemoveRange(allowed.Count - ignored, ignored);
        if (problems is not null && Summary(queued, allowed.Count, ignored) is { } summary)
        {
            problems.Add(summary);
        }

        if (allowed.Count == 0)
        {
            throw new PoolApiException(PoolErrorKind.NoReachableServer, queued.Servers.Count + queued.RejectedHosts.Count == 0
                ? $"Track {queued.TrackId}: the POOL API lists no mirror for it yet."
                : $"Track {queued.TrackId}: none of the mirrors the POOL API listed may be used.");
        }

        if (_ranking is null || allowed.Count == 1)
        {
            return allowed.Take(MaxTried).ToArray();
        }

        DownloadServer[] measured = await Task.WhenAll(allowed.Select(s => _ranking.MeasureAsync(new DownloadServer(queued.TrackId, s.Id ?? 0, s.Host), cancellationToken))).ConfigureAwait(false);
        int[] best = Enumerable.Range(0, allowed.Count)
            .Where(i => measured[i].Reachable == true)
            .OrderBy(i => measured[i].LatencyMs ?? double.MaxValue)
            .Take(BestByProbe)
            .ToArray();
        QueuedServer[] order = best.Concat(Enumerable.Range(0, allowed.Count).Except(best)).Take(MaxTried).Select(i => allowed[i]).ToArray();
        _log.Verbose(best.Length > 0
            ? $"Track {queued.TrackId}: chose mirror {allowed[best[0]].Host} (probe {measured[best[0]].LatencyMs:0.#} ms); {order.Length - 1} more as fallback{(allowed.Count > MaxTried ? $", {allowed.Count - MaxTried} not tried" : string.Empty)}."
            : $"Track {queued.TrackId}: no mirror answered a probe; trying {order.Length} of {allowed.Count} in the listed order.");
        return order;
    }

    /// <summary>One error for every host left out, with a few examples, or null when none was.</summary>
    private PoolApiException? Summary(QueuedTrack queued, int allowedCount, int ignored)
    {
        string[] outside = queued.Servers.Where(s => !_policy.MayReceiveCredentials(s.Host)).Select(s => s.Host).ToArray();
        var parts = new List<string>();
        if (queued.RejectedHosts.Count > 0)
        {
            parts.Add($"{Count(queued.RejectedHosts.Count, "host")} that {(queued.RejectedHosts.Count == 1 ? "is" : "are")} not a plain DNS host name ({Quote(queued.RejectedHosts)})");
        }

        if (outside.Length > 0)
        {
            parts.Add($"{Count(outside.Length, "host")} outside {_policy.Domain}, which would not receive the credentials a download needs ({Quote(outside)}){_policy.Advice}");
        }

        if (ignored > 0)
        {
            parts.Add($"{Count(ignored, "more usable host")} beyond the first {MaxProbed}");
        }

        return parts.Count == 0 ? null : new PoolApiException(
            PoolErrorKind.InvalidServerHost,
            $"Track {queued.TrackId}: of the media hosts the POOL API listed, {string.Join("; ", parts)} {(parts.Count == 1 && ignored == 0 && queued.RejectedHosts.Count + outside.Length == 1 ? "was" : "were")} left out; {Count(allowedCount, "host")} remained.");
    }

    private static string Count(int n, string what) => n == 1 ? "1 " + what : $"{n:N0} {what}s";

    private static string Quote(IReadOnlyList<string> hosts) =>
        string.Join(", ", hosts.Take(Examples).Select(h => "'" + Short(ServerText.Excerpt(h)) + "'")) + (hosts.Count > Examples ? ", …" : string.Empty);

    private static string Short(string text) => text.Length <= 80 ? text : text.Substring(0, 80) + "…";
}
