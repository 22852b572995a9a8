using System;
using System.Collections.Generic;
using System.Globalization;

namespace PromoOnly.Auth;

/// <summary>
/// The one line Connect-PromoOnly prints for a person at the prompt: who, where, and how long the
/// token lasts. Scripts, jobs, redirected output and -NonInteractive hosts never see it, so it
/// cannot end up in a log or a CSV. Save-PromoTrack's end-of-run line follows the same rule.
/// </summary>
internal static class Welcome
{
    /// <param name="typedAtPrompt">The command was typed at the prompt, not called from a script or function.</param>
    /// <param name="hostHasUi">The host can show text to a person (not a hosted runspace without UI).</param>
    public static bool ShouldShow(bool noWelcome, bool typedAtPrompt, bool hostHasUi, bool nonInteractive, bool outputRedirected) =>
        !noWelcome && typedAtPrompt && hostHasUi && !nonInteractive && !outputRedirected;

    /// <summary>Whether the process's command line holds -NonInteractive, as pwsh accepts it: after -, -- or /, any prefix down to -noni.</summary>
    public static bool IsNonInteractive(IEnumerable<string> commandLine)
    {
        foreach (string argument in commandLine)
        {
            string name = argument.StartsWith("--", StringComparison.Ordinal) ? argument.Substring(2)
                : argument.StartsWith("-", StringComparison.Ordinal) || argument.StartsWith("/", StringComparison.Ordinal) ? argument.Substring(1)
                : string.Empty;
            if (name.Length >= 4 && "noninteractive".StartsWith(name.ToLowerInvariant(), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static string Line(PromoOnlySession session, bool madeDefault)
    {
        string who = $"Connected to {session.ApiBaseUri} as POOL user {session.UserId} ({session.AuthenticationMode})";
        string token = session.TokenExpiresAt is { } expires
            ? $"the token expires at {expires.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC and renews by itself"
            : "a supplied token cannot be renewed, so it stops working when it expires";
        string scope = madeDefault ? string.Empty : " (not the default session: pass it with -Session)";
        return $"{who}{scope}; {token}.";
    }
}
