using System;
using System.Management.Automation;
using PromoOnly.Auth;
using PromoOnly.Downloads;

namespace PromoOnly.Commands;

/// <summary>
/// Save-PromoTrack's last line (<see cref="RunTally.Summary"/>): for a person at the prompt, after
/// more than one track or a Ctrl+C, and never under -WhatIf; a script never sees it.
/// </summary>
internal static class EndOfRunLine
{
    /// <summary>At the end of a run, on Write-Host's channel (as Connect-PromoOnly's welcome line): shown at the prompt, never part of the output.</summary>
    public static void Write(PSCmdlet cmdlet, RunTally tally, string folder)
    {
        if (ShouldShow(cmdlet, tally, stopped: false))
        {
            cmdlet.WriteInformation(new HostInformationMessage { Message = tally.Summary(folder, 0, stopped: false) }, new[] { "PSHOST" });
        }
    }

    /// <summary>After Ctrl+C the pipeline is stopped, so the line goes straight to the host.</summary>
    public static void WriteAfterStop(PSCmdlet cmdlet, RunTally tally, string folder, int partialsKept)
    {
        if (!ShouldShow(cmdlet, tally, stopped: true))
        {
            return;
        }

        try
        {
            cmdlet.Host.UI.WriteLine(tally.Summary(folder, partialsKept, stopped: true));
        }
        catch (Exception ex) when (ex is PipelineStoppedException or System.Management.Automation.Host.HostException or NotImplementedException or InvalidOperationException)
        {
            // A host that cannot show it any more: the line is a courtesy.
        }
    }

    private static bool ShouldShow(PSCmdlet cmdlet, RunTally tally, bool stopped) =>
        (tally.Handled > 1 || stopped)
        && !WhatIfRequested(cmdlet)
        && Welcome.ShouldShow(
            noWelcome: false,
            typedAtPrompt: cmdlet.MyInvocation.CommandOrigin == CommandOrigin.Runspace,
            hostHasUi: cmdlet.Host?.UI?.RawUI is not null,
            nonInteractive: Welcome.IsNonInteractive(Environment.GetCommandLineArgs()),
            outputRedirected: Console.IsOutputRedirected);

    private static bool WhatIfRequested(PSCmdlet cmdlet) =>
        (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? whatIf) && whatIf is SwitchParameter { IsPresent: true })
        || cmdlet.GetVariableValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true };
}
