namespace PromoOnly.Emulator.Options;

/// <summary>The --help screen; kept next to the parser so the two are edited together.</summary>
internal static class HelpText
{
    public static string Render() => $"""
        PromoOnly POOL emulator - an offline stand-in for the Promo Only POOL web API.

        Usage: PromoOnly.Emulator [options]

          --urls <url>              Listen URL (default http://127.0.0.1:5080). Port 0 picks a free port.
          --token-ttl <seconds>     Lifetime of issued tokens (default 300).
          --latency-ms <ms>         Delay before answering each POOL API request (default 0).
          --clock-skew <seconds>    Offset added to reported server_time/expires/expiration (default 0,
                                    may be negative). Expiry itself always uses the real clock.
          --fault <id>=<shape>[,<id>=<shape>...]
                                    Make a track answer with a failure shape. Repeatable.
                                    Shapes: {Faults.FaultShapeNames.ValidNames}.
          --endpoint-fault <path>=<shape>[,<path>=<shape>...]
                                    Make every authenticated request under a path (/user/charts,
                                    /specialty, /tracktrends/sessions, ...) answer with a failure shape.
          --fault-rate <p>          Fail this share (0 to 1, default 0) of authenticated server-list
                                    requests for non-fault tracks with 429, 500, 502, 503 or a dropped
                                    connection. Request n of track t fails when hash(seed, t, n) < p,
                                    so the same seed always fails the same requests.
          --fault-seed <int>        Seed for --fault-rate (default 1).
          --fault-retry-after <seconds>
                                    Retry-After sent with injected 429s (default 1).
          --bad-token-as-result     Answer a bad Bearer token with 200 and a "result" message
                                    instead of 401, as the live API may.
          --authenticate-unavailable-after <n>
                                    After n authenticate requests, answer every further one with 503.
          --authenticate-retry-after <seconds>
                                    Retry-After sent with those 503s (default 0: none).
          --mirror <name>=<ms>      Run a download mirror on its own loopback port that answers any GET
                                    or HEAD with 200 "mirror <name>" after <ms> milliseconds. Repeatable;
                                    names are lowercase letters, digits and '-'.
          --dead-mirror <name>      A mirror whose port refuses connections. Repeatable.
                                    With any mirrors, tracks 950000-950999 list them all, in order,
                                    as 127.0.0.1:<port> with ids 101, 102, ...; GET /_emulator/mirrors
                                    shows names, ports and request counts.
          --redirect-posts <status> Answer every POST to a POOL endpoint with this redirect (301, 302, 303,
                                    307 or 308) to the same endpoint under /moved/, which serves it.
          --silent-mirrors <n>      Open n loopback ports (at most 2000) that accept connections and
                                    never send a byte; tracks 951000-951999 list them all, with ids
                                    5001, 5002, ... (a hostile mirror list). Stats count the connections.
          --media-no-range          Media hosts media-a and media-b ignore Range (media-norange always does).
          --media-rate <MiB/s>      Send every media answer at most this fast (a line of that speed per
                                    connection; default 0: no limit). For benchmarks.
          --repeat-pages            The paged listings (releases by date, download history) answer
                                    every page with the first one, as a server that loops would.
          --echo-request            Every failure answer (API and media hosts) quotes the request's
                                    Authorization header, that header URL-encoded, and its form.
          --exit-on-stdin-close     Exit when standard input reaches end-of-file (for test harnesses).
          --help                    Show this help.

        Once listening it prints one line: PromoOnly POOL emulator listening on http://127.0.0.1:<port>
        """;
}
