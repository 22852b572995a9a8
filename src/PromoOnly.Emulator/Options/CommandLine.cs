namespace PromoOnly.Emulator.Options;

/// <summary>The parsed command line: server options plus the switches only the console host needs.</summary>
internal sealed record CommandLine(EmulatorOptions Options, bool ShowHelp, bool ExitOnStdinClose);
