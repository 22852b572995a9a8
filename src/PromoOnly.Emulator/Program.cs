using System.Runtime.InteropServices;
using PromoOnly.Emulator;
using PromoOnly.Emulator.Options;

// Console host: parse, start, print the one line harnesses wait for, then idle until told to stop.
CommandLine commandLine;
try
{
    commandLine = CommandLineParser.Parse(args);
}
catch (CommandLineException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine("Run with --help for usage.");
    return 2;
}

if (commandLine.ShowHelp)
{
    Console.WriteLine(HelpText.Render());
    return 0;
}

// Never disposed on purpose: signal and stdin callbacks may still fire while the process exits.
var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopGracefully);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopGracefully);

RunningEmulator emulator;
try
{
    emulator = await EmulatorServer.StartAsync(commandLine.Options, stop.Token);
}
catch (OperationCanceledException)
{
    return 0;
}
catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException or ArgumentException)
{
    // Port in use (IOException), https or localhost:0 (InvalidOperationException), bad URL or port.
    Console.Error.WriteLine($"error: could not start: {ex.Message}");
    return 1;
}

await using (emulator)
{
    Console.Out.WriteLine($"PromoOnly POOL emulator listening on {emulator.BaseAddress.GetLeftPart(UriPartial.Authority)}");
    Console.Out.Flush();

    if (commandLine.ExitOnStdinClose)
    {
        // A harness that dies closes our stdin; noticing that keeps us from outliving it.
        _ = Task.Run(async () =>
        {
            await using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (await stdin.ReadAsync(buffer) > 0)
            {
            }

            stop.Cancel();
        });
    }

    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
    }
}

return 0;

void StopGracefully(PosixSignalContext context)
{
    // Cancel the default (immediate termination) so the server can shut down cleanly.
    context.Cancel = true;
    stop.Cancel();
}
