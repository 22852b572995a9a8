using System.Globalization;
using PromoOnly.Emulator.Faults;

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
