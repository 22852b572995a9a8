# The module's main job, end to end against the emulator. Run by: dotnet pwsh ./build.ps1 -Task Demo
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'EmulatorProcess.ps1')

function Show-Command([string] $Text) {
    Write-Host ''
    Write-Host "PS> $Text" -ForegroundColor Cyan
}

# Three emulated mirrors at different distances, for the fastest-mirror part of the demo.
$emulator = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--mirror', 'tokyo=120', '--mirror', 'london=15', '--mirror', 'newyork=60'
try {
    Write-Host "POOL API emulator listening on $($emulator.BaseUri)"
    $env:PROMOONLY_API_BASE_URI = $emulator.BaseUri.AbsoluteUri
    Import-Module $ModulePath

    # The documented example credentials (user id 1); a real script would use Get-Secret or Read-Host -AsSecureString.
    Show-Command "Connect-PromoOnly -UserId 1 -Token `$token -PassThru"
    $token = ConvertTo-SecureString '8b26e1e4f3f5e00a888807e605565c47' -AsPlainText -Force
    Connect-PromoOnly -UserId 1 -Token $token -PassThru | Out-Host

    Show-Command 'Get-PromoDownloadServer -TrackId 337865'
    Get-PromoDownloadServer -TrackId 337865 | Out-Host

    Show-Command "337811..337815 + 337844 | Get-PromoDownloadServer -ErrorVariable failed -ErrorAction SilentlyContinue | Where-Object Host -like 'ny01.*'"
    337811..337815 + 337844 |
        Get-PromoDownloadServer -ErrorVariable failed -ErrorAction SilentlyContinue |
        Where-Object Host -like 'ny01.*' |
        Out-Host

    Show-Command '$failed | ForEach-Object { "$($_.TargetObject): $($_.FullyQualifiedErrorId)" }'
    $failed | ForEach-Object { "$($_.TargetObject): $($_.FullyQualifiedErrorId)" } | Out-Host

    # Track 950001 is served by the emulated mirrors (127.0.0.1 ports standing in for real hosts).
    Show-Command 'Get-PromoDownloadServer -TrackId 950001 | Test-PromoDownloadServer | Where-Object Reachable | Sort-Object LatencyMs'
    Get-PromoDownloadServer -TrackId 950001 | Test-PromoDownloadServer | Where-Object Reachable | Sort-Object LatencyMs | Out-Host

    # The whole download workflow: queue, fastest mirror, verified file, success reported once.
    $folder = Join-Path ([IO.Path]::GetTempPath()) "promoonly-demo-$PID"
    Show-Command "Save-PromoTrack 123401, 123405 -Path $folder"
    Save-PromoTrack 123401, 123405 -Path $folder | Out-Host

    Show-Command "Get-ChildItem $folder | Select-Object Name, Length"
    Get-ChildItem $folder | Select-Object Name, Length | Out-Host

    Show-Command "Save-PromoTrack 123401, 123405 -Path $folder -Verbose   # a re-run skips, with no API call"
    Save-PromoTrack 123401, 123405 -Path $folder -Verbose | Out-Host
    Remove-Item $folder -Recurse -Force
}
finally {
    Stop-PoolEmulator $emulator
}

# Where to go from here: README's "Try it offline in five minutes", against an emulator that stays up.
Write-Host ''
Write-Host 'Next, try it yourself (README.md, "Try it offline in five minutes"):' -ForegroundColor Green
foreach ($line in @(
        'dotnet pwsh ./build.ps1 -Task Emulator          # in one shell; leave it running'
        'dotnet pwsh                                     # in a second shell, in this folder, then:'
        "`$env:PROMOONLY_API_BASE_URI = 'http://127.0.0.1:5080'"
        'Import-Module ./out/PromoOnly'
        'Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString 8b26e1e4f3f5e00a888807e605565c47 -AsPlainText -Force)'
        'Get-PromoRelease -Since (Get-Date).AddDays(-7)'
        "Find-PromoTrack -Artist 'Katy Perry' -Genre Dance"
        'Import-Csv examples/weekly-crate.csv | Save-PromoTrack -Path ~/Music/Pool'
        'Get-PromoDownloadHistory | Select-Object -First 5'
    )) {
    Write-Host "  $line"
}
