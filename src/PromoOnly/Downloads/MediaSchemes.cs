using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace PromoOnly.Downloads;

/// <summary>
/// What one session learnt about each media host's https (API.md, our decisions: https:// first,
/// http:// only where https is not offered, said once per session). A host that once answered
/// over https is never used over http again in the session, whatever a later attempt meets: a
/// failing TLS connection then is more likely an attacker's doing than the host's.
/// </summary>
internal sealed class MediaSchemes
{
    // Kept beside each session rather than in it, so sessions (Auth/) know nothing of downloads;
    // an entry goes when its session is collected.
    private static readonly ConditionalWeakTable<PromoOnlySession, MediaSchemes> Sessions = new();

    private readonly ConcurrentDictionary<string, bool> _httpsOffered = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What <paramref name="session"/> has learnt so far.</summary>
    public static MediaSchemes Of(PromoOnlySession session) => Sessions.GetValue(session, _ => new MediaSchemes());

    /// <summary>True once https worked there, false once it was found not offered, null before either.</summary>
    public bool? HttpsOffered(string host) => _httpsOffered.TryGetValue(host, out bool offered) ? offered : null;

    /// <summary>Https answered on <paramref name="host"/>: from now on it is the only way there.</summary>
    public void HttpsWorks(string host) => _httpsOffered[host] = true;

    /// <summary>No TLS answer from <paramref name="host"/>; ignored for a host where https worked before.</summary>
    public void HttpsNotOffered(string host) => _httpsOffered.TryAdd(host, false);

    /// <summary>True the first time in this session the credentials go in clear to <paramref name="host"/> off this machine.</summary>
    public bool FirstClearText(string host) => !MediaHostPolicy.IsLoopbackHost(host) && _warned.TryAdd(host, true);
}
