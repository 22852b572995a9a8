<#
.SYNOPSIS
    Measures Save-PromoTrack against curl, Invoke-WebRequest and a raw HttpClient loop, on this machine, in one run.
.DESCRIPTION
    Starts the POOL emulator (its media hosts are loopback listeners) and runs two workloads:
    one 200 MiB file (track 970001), and 200 files of 5 MiB (tracks 971001…) with 8 in flight.
    Every method downloads the same bytes from the same media host. Save-PromoTrack does the whole
    workflow (queue call, probe, download, verify, rename, record, success signal); the baselines
    get their dl_tokens from queue calls made before their clock starts, so they only download.
    Save-PromoTrack runs in a fresh pwsh process each time, which also reports its peak working-set
    growth during the workload. Each workload runs -Rounds times, every method once per round in
    turn, and each figure is the median of its rounds, so a moment of noise on a shared machine
    moves one round, not the result. Never part of the test pass/fail: run on demand.
.EXAMPLE
    dotnet pwsh ./bench/Measure-Download.ps1
#>
[CmdletBinding()]
param(
    [int] $SmallFiles = 200,
    [int] $Parallel = 8,
    [ValidateRange(1, 9)] [int] $Rounds = 3,
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$root = Split-Path $PSScriptRoot -Parent
if (-not $NoBuild) {
    & (Join-Path $root 'build.ps1') -Task Build | Out-Null
}
. (Join-Path $root 'build/EmulatorProcess.ps1')
$modulePath = Join-Path $root 'out/PromoOnly/PromoOnly.psd1'
$emulatorPath = Join-Path $root 'src/PromoOnly.Emulator/bin/Release/net10.0/PromoOnly.Emulator.dll'
$tokenText = '8b26e1e4f3f5e00a888807e605565c47'
$bearer = 'Bearer ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("1:$tokenText"))
$curl = (Get-Command curl -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
$work = Join-Path ([IO.Path]::GetTempPath()) "promoonly-bench-$PID"

Add-Type -TypeDefinition @'
using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

public static class RawDownload
{
    private static readonly HttpClient Client = new HttpClient();

    // The ceiling: plain HttpClient, the body streamed to a file, nothing checked.
    public static long Run(string url, string bearer, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", bearer);
        using var response = Client.Send(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var body = response.Content.ReadAsStream();
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, true);
        body.CopyToAsync(file, 64 * 1024).GetAwaiter().GetResult();
        return file.Length;
    }
}
'@

# Catalogue ids in a range that the emulator serves (no 00, 13 or 44 endings).
function Get-TrackIds([int] $Start, [int] $Count) {
    $ids = [Collections.Generic.List[long]]::new()
    for ($id = $Start; $ids.Count -lt $Count; $id++) {
        if (($id % 100) -notin 0, 13, 44) { $ids.Add($id) }
    }
    $ids.ToArray()
}

# A media URL per id, from queue calls made before any clock starts.
function Get-MediaUrl([long[]] $Ids) {
    foreach ($id in $Ids) {
        $queued = Invoke-RestMethod -Uri ([uri]::new($emulator.BaseUri, "download/queue/$id")) -Headers @{ Authorization = $bearer }
        "http://$($queued.servers[0].host)/pool/v5/download/$($queued.dl_token)"
    }
}

function New-Folder([string] $Name) {
    $path = Join-Path $work $Name
    $null = New-Item -ItemType Directory -Path $path -Force
    $path
}

function Measure-Seconds([scriptblock] $Body) {
    [GC]::Collect()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $null = & $Body
    $clock.Elapsed.TotalSeconds
}

# Save-PromoTrack in a fresh pwsh: seconds for the call and the peak working-set growth during it.
function Measure-Save([long[]] $Ids, [string] $Folder, [int] $ThrottleLimit) {
    $idList = $Ids -join ','
    $script = @"
`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'
Import-Module '$modulePath'
Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString '$tokenText' -AsPlainText -Force)
`$null = Save-PromoTrack 123401 -Path '$Folder-warm'
[GC]::Collect()
`$process = [Diagnostics.Process]::GetCurrentProcess()
`$before = `$process.PeakWorkingSet64
`$clock = [Diagnostics.Stopwatch]::StartNew()
`$saved = @(Save-PromoTrack $idList -Path '$Folder' -ThrottleLimit $ThrottleLimit)
`$seconds = `$clock.Elapsed.TotalSeconds
`$process.Refresh()
[pscustomobject]@{ Seconds = `$seconds; Growth = `$process.PeakWorkingSet64 - `$before; Saved = `$saved.Count } | ConvertTo-Json -Compress
"@
    $env:PROMOONLY_API_BASE_URI = $emulator.BaseUri.AbsoluteUri
    $output = & ([Environment]::ProcessPath) $(if ((Split-Path ([Environment]::ProcessPath) -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' }) -NoProfile -NonInteractive -Command $script
    $result = $output | Select-Object -Last 1 | ConvertFrom-Json
    if ($result.Saved -ne $Ids.Count) { throw "Save-PromoTrack saved $($result.Saved) of $($Ids.Count) files." }
    $result
}

function Add-Figure([Collections.Specialized.OrderedDictionary] $Figures, [string] $Method, [double] $Value) {
    if (-not $Figures.Contains($Method)) { $Figures[$Method] = [Collections.Generic.List[double]]::new() }
    $Figures[$Method].Add($Value)
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $middle = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

# One row per method: the median, its range over the rounds, and its ratio to the best median.
function Write-Figures([string] $Title, [Collections.Specialized.OrderedDictionary] $Figures, [string] $Unit) {
    $medians = [ordered]@{}
    foreach ($method in $Figures.Keys) { $medians[$method] = Get-Median $Figures[$method].ToArray() }
    $best = ($medians.Values | Measure-Object -Maximum).Maximum
    Write-Host "`n$Title"
    $medians.GetEnumerator() | ForEach-Object {
        $values = $Figures[$_.Key]
        [pscustomobject]@{
            Method    = $_.Key
            $Unit     = [math]::Round($_.Value, 1)
            Range     = '{0:0.0}-{1:0.0}' -f ($values | Measure-Object -Minimum).Minimum, ($values | Measure-Object -Maximum).Maximum
            'Of best' = '{0:0.00} x' -f ($_.Value / $best)
        }
    } | Format-Table -AutoSize | Out-Host
}

$emulator = Start-PoolEmulator -EmulatorPath $emulatorPath
try {
    Write-Host "Emulator at $($emulator.BaseUri); curl: $(if ($curl) { $curl } else { 'not found' })"
    $largeId = 970001
    $largeMiB = 200

    # One 200 MiB file.
    $large = [ordered]@{}
    $largeGrowth = 0
    for ($round = 1; $round -le $Rounds; $round++) {
        $save = Measure-Save -Ids $largeId -Folder (New-Folder "large-save-$round") -ThrottleLimit 1
        Add-Figure $large 'Save-PromoTrack' ($largeMiB / $save.Seconds)
        $largeGrowth = [math]::Max($largeGrowth, $save.Growth)
        $url = Get-MediaUrl $largeId
        if ($curl) {
            Add-Figure $large 'curl -o' ($largeMiB / (Measure-Seconds { & $curl -s -f -o (Join-Path (New-Folder "large-curl-$round") 'f.bin') -H "Authorization: $bearer" $url }))
        }
        Add-Figure $large 'Invoke-WebRequest -OutFile' ($largeMiB / (Measure-Seconds { Invoke-WebRequest -Uri $url -Headers @{ Authorization = $bearer } -OutFile (Join-Path (New-Folder "large-iwr-$round") 'f.bin') }))
        Add-Figure $large 'raw HttpClient stream to file' ($largeMiB / (Measure-Seconds { [RawDownload]::Run($url, $bearer, (Join-Path (New-Folder "large-raw-$round") 'f.bin')) }))
        # 200 MiB a method a round adds up: keep the disk's page cache and free space as they were.
        Get-ChildItem $work -Directory -Filter 'large-*' | Remove-Item -Recurse -Force
    }
    Write-Figures "One $largeMiB MiB file (MB/s = MiB per second, median of $Rounds rounds):" $large 'MB/s'

    # 200 files of 5 MiB, 8 in flight.
    $ids = Get-TrackIds -Start 971001 -Count $SmallFiles
    $many = [ordered]@{}
    $manyGrowth = 0
    for ($round = 1; $round -le $Rounds; $round++) {
        $save = Measure-Save -Ids $ids -Folder (New-Folder "many-save-$round") -ThrottleLimit $Parallel
        Add-Figure $many "Save-PromoTrack -ThrottleLimit $Parallel" ($SmallFiles / $save.Seconds)
        $manyGrowth = [math]::Max($manyGrowth, $save.Growth)
        $urls = @(Get-MediaUrl $ids)
        if ($curl) {
            $folder = New-Folder "many-curl-$round"
            $config = Join-Path $work 'curl.cfg'
            $lines = for ($i = 0; $i -lt $urls.Count; $i++) { "url = `"$($urls[$i])`""; "output = `"$(Join-Path $folder "$i.bin")`"" }
            Set-Content -Path $config -Value $lines
            Add-Figure $many "curl --parallel --parallel-max $Parallel" ($SmallFiles / (Measure-Seconds { & $curl -s -f --no-progress-meter --parallel --parallel-max $Parallel -H "Authorization: $bearer" -K $config }))
        }
        $folder = New-Folder "many-iwr-$round"
        Add-Figure $many "ForEach-Object -Parallel $Parallel + Invoke-WebRequest" ($SmallFiles / (Measure-Seconds {
                    $indexed = for ($i = 0; $i -lt $urls.Count; $i++) { [pscustomobject]@{ Url = $urls[$i]; Path = Join-Path $folder "$i.bin" } }
                    $indexed | ForEach-Object -ThrottleLimit $Parallel -Parallel {
                        $ProgressPreference = 'SilentlyContinue'
                        Invoke-WebRequest -Uri $_.Url -Headers @{ Authorization = $using:bearer } -OutFile $_.Path
                    }
                }))
        Get-ChildItem $work -Directory -Filter 'many-*' | Remove-Item -Recurse -Force
    }
    Write-Figures "$SmallFiles files of 5 MiB, $Parallel in flight (files per second, median of $Rounds rounds):" $many 'Files/s'

    Write-Host ('Peak working-set growth of the Save-PromoTrack process: {0:0.0} MB for the {1} MiB file, {2:0.0} MB for the {3} files.' -f ($largeGrowth / 1MB), $largeMiB, ($manyGrowth / 1MB), $SmallFiles)
}
finally {
    Stop-PoolEmulator $emulator
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
