using System.Globalization;
using PromoOnly.Emulator.Faults;
using PromoOnly.Emulator.Mirrors;

namespace PromoOnly.Emulator.Options;

/// <summary>
/// Hand-rolled parser: the option set is tiny, and hand-parsing lets us give precise errors
/// (unknown option, unknown fault shape) instead of silently ignoring typos the way the
/// configuration binder would. Accepts both "--name value" and "--name=value".
/// </summary>
internal static class CommandLineParser
{
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        var showHelp = false;
        var exitOnStdinClose = false;

        for (var i = 0; i < args.Count; i++)
        {
            var separator = args[i].IndexOf('=', StringComparison.Ordinal);
            var name = separator < 0 ? args[i] : args[i][..separator];
            var inlineValue = separator < 0 ? null : args[i][(separator + 1)..];

            switch (name)
            {
                case "--help" or "-h" or "-?":
                    showHelp = true;
                    break;
                case "--media-no-range":
                    options.MediaWithoutRange = true;
                    break;
                case "--media-rate":
                    options.MediaRateMiBPerSecond = ParseMiBPerSecond(name, TakeValue());
                    break;
                case "--repeat-pages":
                    options.RepeatPages = true;
                    break;
                case "--echo-request":
                    options.EchoRequests = true;
                    break;
                case "--exit-on-stdin-close":
                    exitOnStdinClose = true;
                    break;
                case "--urls":
                    options.Urls = TakeValue();
                    break;
                case "--token-ttl":
                    options.TokenTtlSeconds = ParseInt(name, TakeValue(), minimum: 0);
                    break;
                case "--latency-ms":
                    options.LatencyMs = ParseInt(name, TakeValue(), minimum: 0);
                    break;
                case "--clock-skew":
                    options.ClockSkewSeconds = ParseInt(name, TakeValue(), minimum: int.MinValue);
                    break;
                case "--fault":
                    AddFaults(options, TakeValue());
                    break;
                case "--endpoint-fault":
                    AddEndpointFaults(options, TakeValue());
                    break;
                case "--fault-rate":
                    options.FaultRate = ParseRate(name, TakeValue());
                    break;
                case "--fault-seed":
                    options.FaultSeed = ParseInt(name, TakeValue(), minimum: int.MinValue);
                    break;
                case "--fault-retry-after":
                    options.FaultRetryAfterSeconds = ParseInt(name, TakeValue(), minimum: 0);
                    break;
                case "--bad-token-as-result":
                    options.BadTokenAsResult = true;
                    break;
                case "--authenticate-unavailable-after":
                    options.AuthenticateUnavailableAfter = ParseInt(name, TakeValue(), minimum: 0);
                    break;
                case "--authenticate-retry-after":
                    options.AuthenticateRetryAfterSeconds = ParseInt(name, TakeValue(), minimum: 0);
                    break;
                case "--mirror":
                    options.Mirrors.Add(ParseMirror(TakeValue()));
                    break;
                case "--redirect-posts":
                    options.RedirectPostsStatus = ParseInt(name, TakeValue(), minimum: 301);
                    break;
                case "--silent-mirrors":
                    options.SilentMirrors = ParseInt(name, TakeValue(), minimum: 0);
                    break;
                case "--dead-mirror":
                    options.Mirrors.Add(new MirrorSpec(ParseMirrorName(name, TakeValue()), Dead: true));
                    break;
                default:
                    throw new CommandLineException($"Unknown option '{args[i]}'.");
            }

            string TakeValue() => inlineValue
                ?? (++i < args.Count ? args[i] : throw new CommandLineException($"Option {name} needs a value."));
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CommandLineException(ex.Message);
        }

        return new CommandLine(options, showHelp, exitOnStdinClose);
    }

    private static int ParseInt(string option, string value, int minimum) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
        && result >= minimum
            ? result
            : throw new CommandLineException(minimum == 0
                ? $"Option {option} expects a whole number of 0 or more, got '{value}'."
                : $"Option {option} expects a whole number, got '{value}'.");

    private static double ParseRate(string option, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var result)
        && result is >= 0 and <= 1
            ? result
            : throw new CommandLineException($"Option {option} expects a number from 0 to 1, got '{value}'.");

    private static double ParseMiBPerSecond(string option, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var result)
        && result is >= 0 and <= 1_000_000
            ? result
            : throw new CommandLineException($"Option {option} expects MiB per second from 0 (no limit) to 1000000, got '{value}'.");

    // "--mirror fast=10": a name and the delay, in milliseconds, before it answers.
    private static MirrorSpec ParseMirror(string value)
    {
        var parts = value.Split('=', 2);
        if (parts.Length != 2)
        {
            throw new CommandLineException($"--mirror expects <name>=<delay ms>, got '{value}'.");
        }

        return new MirrorSpec(ParseMirrorName("--mirror", parts[0]), ParseInt("--mirror delay", parts[1], minimum: 0));
    }

    private static string ParseMirrorName(string option, string name) =>
        MirrorSpec.IsValidName(name)
            ? name
            : throw new CommandLineException($"Option {option} expects a name of lowercase letters, digits and '-', got '{name}'.");

    // "--endpoint-fault /user/charts=html,/specialty=truncated": each pair maps a path prefix to a shape.
    private static void AddEndpointFaults(EmulatorOptions options, string list)
    {
        foreach (var pair in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !parts[0].StartsWith('/') || parts[0].Trim('/').Length == 0)
            {
                throw new CommandLineException($"--endpoint-fault expects <path>=<shape>, such as /user/charts=html, got '{pair}'.");
            }

            if (!FaultShapeNames.TryParse(parts[1], out var shape))
            {
                throw new CommandLineException(
                    $"Unknown fault shape '{parts[1]}'. Valid shapes: {FaultShapeNames.ValidNames}.");
            }

            options.EndpointFaults[EndpointFaults.Normalize(parts[0])] = shape;
        }
    }

    // "--fault 123456=html,123457=empty": each pair maps one track id to one shape.
    private static void AddFaults(EmulatorOptions options, string list)
    {
        foreach (var pair in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var trackId))
            {
                throw new CommandLineException($"--fault expects <track id>=<shape>, got '{pair}'.");
            }

            if (!FaultShapeNames.TryParse(parts[1], out var shape))
            {
                throw new CommandLineException(
                    $"Unknown fault shape '{parts[1]}'. Valid shapes: {FaultShapeNames.ValidNames}.");
            }

            options.Faults[trackId] = shape;
        }
    }
}
