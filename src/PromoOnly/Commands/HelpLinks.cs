namespace PromoOnly.Commands;

/// <summary>
/// Where Get-Help -Online goes: the README section of the project page that covers the cmdlet.
/// The base is the manifest's ProjectUri; a Pester test checks every anchor against README's headings.
/// </summary>
internal static class HelpLinks
{
    public const string Readme = "https://github.com/promoonly-powershell/PromoOnly.PowerShell#";

    public const string Connecting = Readme + "connecting";

    public const string Sessions = Readme + "sessions";

    public const string Cmdlets = Readme + "cmdlets";

    public const string FastestMirror = Readme + "the-fastest-mirror";

    public const string Browsing = Readme + "browsing-genres-specialties-and-charts";

    public const string Preferences = Readme + "preferences";

    public const string QueueAndSessions = Readme + "the-download-queue-re-downloads-and-dj-sessions";
}
