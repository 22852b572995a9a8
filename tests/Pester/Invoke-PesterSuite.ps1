# Runs the Pester suite in this (fresh) process and writes the counts where build.ps1 reads them.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
# A log file or CI console shows escape codes as garbage: plain text unless this is a terminal.
if ([Console]::IsOutputRedirected -or $env:CI -or $env:NO_COLOR) {
    $configuration.Output.RenderMode = 'Plaintext'
    $PSStyle.OutputRendering = 'PlainText'
}
$result = Invoke-Pester -Configuration $configuration

# CI keeps only the end of a long log: repeat every failure there, with its message and place.
$failures = @($result.Failed) + @($result.FailedBlocks) + @($result.FailedContainers)
if ($failures.Count -gt 0) {
    Write-Host ''
    Write-Host "Failed ($($failures.Count)):"
    foreach ($failure in $failures) {
        $name = if ($failure.ExpandedPath) { $failure.ExpandedPath } elseif ($failure.Item) { "$($failure.Item)" } else { "$failure" }
        Write-Host "  [-] $name"
        foreach ($errorRecord in @($failure.ErrorRecord)) {
            if ($errorRecord) {
                Write-Host "      $($errorRecord.Exception.Message)"
                if ($errorRecord.ScriptStackTrace) { Write-Host "      $(($errorRecord.ScriptStackTrace -split "`n")[0])" }
            }
        }
    }
}

# A broken BeforeAll fails a whole container without failing a single test; count it.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $ResultPath
exit ([int]($failed -gt 0))
