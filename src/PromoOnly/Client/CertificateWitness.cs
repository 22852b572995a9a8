using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Threading;

namespace PromoOnly.Client;

/// <summary>
/// Sees every TLS certificate the shared handler is shown, and judges it exactly as .NET would
/// without a callback (valid only when there is no policy error: no check is ever skipped). What
/// it remembers tells a failed https:// attempt apart: a host that showed no certificate at all
/// does not offer https (refused, closed, silent, or a plain-HTTP server), so falling back to
/// http:// is allowed; a host whose certificate was refused does offer https and is not used
/// over http instead, since that is what an attacker in the path would arrange.
/// </summary>
internal static class CertificateWitness
{
    private static readonly ConcurrentDictionary<string, Sighting> Hosts = new(StringComparer.OrdinalIgnoreCase);
    private static readonly PropertyInfo? TargetHostName = typeof(SslStream).GetProperty("TargetHostName");
    private static long _sequence;

    /// <summary>What a TLS attempt to a host showed since a <see cref="Mark"/>.</summary>
    internal enum Verdict
    {
        /// <summary>No certificate at all: https is not offered there.</summary>
        NoCertificate,

        /// <summary>A certificate that passed: https is offered; the failure was something else.</summary>
        Accepted,

        /// <summary>A certificate that failed validation: https is offered but cannot be trusted.</summary>
        Rejected,
    }

    /// <summary>The callback for SocketsHttpHandler's SslOptions: sender is the SslStream.</summary>
    public static readonly RemoteCertificateValidationCallback ForSocketsHandler = (sender, certificate, chain, errors) =>
        Record(TargetHostName?.GetValue(sender) as string, errors);

    /// <summary>The callback for HttpClientHandler (.NET Framework): the request names the host.</summary>
    public static bool ForClientHandler(System.Net.Http.HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        Record(request.RequestUri?.Host, errors);

    /// <summary>Where the next sightings start; pass it to <see cref="Judge"/> after an attempt.</summary>
    public static long Mark() => Interlocked.Read(ref _sequence);

    /// <summary>
    /// What <paramref name="host"/> showed since <paramref name="mark"/>, with the policy errors of a
    /// refused certificate. A runtime that names no host records under "" and is judged by that.
    /// </summary>
    public static Verdict Judge(string host, long mark, Exception? failure, out SslPolicyErrors errors)
    {
        errors = SslPolicyErrors.None;
        Sighting? seen = Hosts.TryGetValue(host, out Sighting? named) ? named : Hosts.TryGetValue(string.Empty, out Sighting? unnamed) ? unnamed : null;
        long seenAt = 0, rejectedAt = 0;
        if (seen is not null)
        {
            lock (seen)
            {
                (seenAt, rejectedAt, errors) = (seen.Seen, seen.Rejected, seen.Errors);
            }
        }

        if (rejectedAt > mark)
        {
            return Verdict.Rejected;
        }

        errors = SslPolicyErrors.None;

        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            // .NET Framework's own word for a refused certificate, should no callback have run.
            if (e is WebException { Status: WebExceptionStatus.TrustFailure })
            {
                errors = SslPolicyErrors.RemoteCertificateChainErrors;
                return Verdict.Rejected;
            }
        }

        return seenAt > mark ? Verdict.Accepted : Verdict.NoCertificate;
    }

    private static bool Record(string? host, SslPolicyErrors errors)
    {
        long now = Interlocked.Increment(ref _sequence);
        Sighting sighting = Hosts.GetOrAdd(host ?? string.Empty, _ => new Sighting());
        lock (sighting)
        {
            sighting.Seen = now;
            if (errors != SslPolicyErrors.None)
            {
                sighting.Rejected = now;
                sighting.Errors = errors;
            }
        }

        return errors == SslPolicyErrors.None;
    }

    private sealed class Sighting
    {
        public long Seen;
        public long Rejected;
        public SslPolicyErrors Errors;
    }
}
