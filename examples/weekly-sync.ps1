<#
.SYNOPSIS
    Saves every track released in the last days into a folder: the nightly or weekly POOL sync.

.DESCRIPTION
    Connects with Connect-PromoOnly -FromEnvironment (PROMOONLY_USER_ID with PROMOONLY_API_KEY and
    PROMOONLY_API_SECRET), saves every track of the releases of the last -Days days that the account
    has not downloaded yet (only the genres in -Genre, if given) into -Path, and appends one row per
    saved track to weekly-sync-log.csv in that folder. Tracks already in the folder's download
    record are skipped without any API call, and interrupted downloads continue, so a re-run saves
    nothing new.

    Made for a scheduler (pwsh -NonInteractive -File): it prints nothing when all went well. When
    connecting fails or any track fails, it says which on standard error, in plain text, and exits
    with code 1; otherwise it exits with 0.

.EXAMPLE
    pwsh -NonInteractive -File weekly-sync.ps1 -Path ~/Music/Pool -Genre 'Dance,Pop'

.EXAMPLE
    ./weekly-sync.ps1 -Path D:\Music\Pool -Genre Dance, 'Hip Hop' -Days 1
#>
[CmdletBinding()]
param(
    # The music folder; created if missing.
    [Parameter(Mandatory)]
    [string] $Path,

    # Only these genres: several values, or one comma-separated string (as pwsh -File passes it).
    [string[]] $Genre = @(),

    # How many days back to look for releases.
    [ValidateRange(1, 365)]
    [int] $Days = 7
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# A scheduler's log is no terminal: no ANSI colour codes in anything PowerShell itself writes.
if ($PSVersionTable.PSVersion.Major -ge 7 -and ([Console]::IsErrorRedirected -or $env:NO_COLOR)) {
    $PSStyle.OutputRendering = 'PlainText'
}

# One plain line per problem on standard error, where a scheduler collects it.
function Write-Problem([string] $Message) {
    [Console]::Error.WriteLine("weekly-sync: $Message")
}

# "Track 200111: …" for an error about one track, the message alone otherwise, and its error id.
function Format-Problem([System.Management.Automation.ErrorRecord] $Record) {
    $message = ($Record.Exception.Message -replace '\s+', ' ').Trim()
    $id = ($Record.FullyQualifiedErrorId -split ',')[0]
    if ($Record.TargetObject -is [long] -and $message -notmatch "^Track $($Record.TargetObject)\b") {
        $message = "Track $($Record.TargetObject): $message"
    }
    "$message [$id]"
}

try {
    Import-Module PromoOnly
}
catch {
    Write-Problem "the PromoOnly module cannot be loaded ($($_.Exception.Message)). Install it for the user this runs as first: Install-Module PromoOnly -Scope CurrentUser, or ./build.ps1 -Task Install in the repository."
    exit 1
}

try {
    Connect-PromoOnly -FromEnvironment
}
catch {
    Write-Problem "could not connect to the POOL API. $(Format-Problem $_)"
    exit 1
}

$genres = @($Genre -split ',' | ForEach-Object Trim | Where-Object { $_ })
$log = Join-Path $Path 'weekly-sync-log.csv'
$null = New-Item -ItemType Directory -Path $Path -Force   # Export-Csv below opens its log first

$problems = @()
try {
    # Errors per release or track go to the variables, so the others carry on; they are listed below.
    Get-PromoRelease -Since (Get-Date).Date.AddDays(-$Days) -ErrorAction SilentlyContinue -ErrorVariable releaseErrors |
        Get-PromoTrack -ErrorAction SilentlyContinue -ErrorVariable trackErrors |
        Where-Object { -not $_.Downloaded -and ($genres.Count -eq 0 -or $_.Genre -in $genres) } |
        Save-PromoTrack -Path $Path -ErrorAction SilentlyContinue -ErrorVariable saveErrors |
        Where-Object Status -EQ 'Saved' |
        Select-Object @{ Name = 'SavedAt'; Expression = { [datetime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ') } },
            TrackId, Artist, Title, Mix, Name, Length, Sha256, Acknowledged |
        Export-Csv -Path $log -Append -NoTypeInformation
}
catch {
    # A failure that ends the run (an expired token, a folder that cannot be written).
    $problems += $_
}
$problems = @($releaseErrors) + @($trackErrors) + @($saveErrors) + $problems | Where-Object { $_ }

foreach ($problem in $problems) {
    Write-Problem (Format-Problem $problem)
}
exit ([int]($problems.Count -gt 0))
