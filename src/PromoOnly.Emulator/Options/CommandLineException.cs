namespace PromoOnly.Emulator.Options;

/// <summary>A command-line mistake; Program prints the message and exits with status 2.</summary>
internal sealed class CommandLineException(string message) : Exception(message);
