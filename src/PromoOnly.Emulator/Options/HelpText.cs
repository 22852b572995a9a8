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
          --exit-on-stdin-close     Exit when standard input reaches end-of-file (for test harnesses).
          --help                    Show this help.

        Once listening it prints one line: PromoOnly POOL emulator listening on http://127.0.0.1:<port>
        """;
}
