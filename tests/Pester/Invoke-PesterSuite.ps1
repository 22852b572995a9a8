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

# Every failure with its message and place: at the end of this log (a long log's tail is what
# a reader sees first) and in the result file, from which build.ps1 prints them.
$failures = foreach ($failure in @($result.Failed) + @($result.FailedBlocks) + @($result.FailedContainers)) {
    if (-not $failure) { continue }
    $name = if ($failure.ExpandedPath) { $failure.ExpandedPath } elseif ($failure.Item) { "$($failure.Item)" } else { "$failure" }
    $detail = foreach ($errorRecord in @($failure.ErrorRecord)) {
        if ($errorRecord) {
            $errorRecord.Exception.Message
            if ($errorRecord.ScriptStackTrace) { ($errorRecord.ScriptStackTrace -split "`n")[0] }
        }
    }
    [pscustomobject]@{ Name = $name; Detail = @($detail) -join "`n" }
}
$failures = @($failures)
if ($failures.Count -gt 0) {
    Write-Host ''
    Write-Host "Failed ($($failures.Count)):"
    foreach ($failure in $failures) {
        Write-Host "  [-] $($failure.Name)"
        foreach ($line in $failure.Detail -split "`n") { Write-Host "      $line" }
    }
}

# A broken BeforeAll fails a whole container without failing a single test; count it.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount; Failures = $failures } |
    ConvertTo-Json -Depth 4 | Set-Content -Path $ResultPath
exit ([int]($failed -gt 0))
