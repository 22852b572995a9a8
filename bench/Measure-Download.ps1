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

    Then the same two workloads on a paced line (-PacedRate, MiB/s per connection): a second
    emulator started with --media-rate sends every media answer no faster than that, as a line of
    that speed would, and each figure is also given as a share of what the line can carry (the rate
    for one file; eight times the rate for 8 in flight). 0 skips the paced workloads.
    The machine's load average is printed before and after each workload: figures from a busy
    machine are not comparable with an idle one's.
.EXAMPLE
    dotnet pwsh ./bench/Measure-Download.ps1 -Rounds 7
.EXAMPLE
    dotnet pwsh ./bench/Measure-Download.ps1 -PacedRate 0    # unpaced workloads only
#>
[CmdletBinding()]
param(
    [int] $SmallFiles = 200,
    [int] $Parallel = 8,
    [ValidateRange(1, 9)] [int] $Rounds = 3,
    [ValidateRange(0, 100000)] [double] $PacedRate = 50,
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$PSStyle.OutputRendering = 'PlainText'
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

# One row per method: the median, its range over the rounds, its ratio to the best median and to
# the baseline (curl), and on a paced line its share of what the line carries ($LineValue, same unit).
function Write-Figures([string] $Title, [Collections.Specialized.OrderedDictionary] $Figures, [string] $Unit, [string] $Baseline, [double] $LineValue = 0) {
    $medians = [ordered]@{}
    foreach ($method in $Figures.Keys) { $medians[$method] = Get-Median $Figures[$method].ToArray() }
    $best = ($medians.Values | Measure-Object -Maximum).Maximum
    $base = if ($Baseline -and $medians.Contains($Baseline)) { $medians[$Baseline] } else { 0 }
    Write-Host "`n$Title"
    $medians.GetEnumerator() | ForEach-Object {
        $values = $Figures[$_.Key]
        $row = [ordered]@{
            Method    = $_.Key
            $Unit     = [math]::Round($_.Value, 1)
            Range     = '{0:0.0}-{1:0.0}' -f ($values | Measure-Object -Minimum).Minimum, ($values | Measure-Object -Maximum).Maximum
            'Of best' = '{0:0.00} x' -f ($_.Value / $best)
        }
        if ($base) { $row['Of curl'] = '{0:0.00} x' -f ($_.Value / $base) }
        if ($LineValue) {
            $row['Of line'] = '{0:0.000} x' -f ($_.Value / $LineValue)
            $row['Line range'] = '{0:0.000}-{1:0.000}' -f (($values | Measure-Object -Minimum).Minimum / $LineValue), (($values | Measure-Object -Maximum).Maximum / $LineValue)
        }
        [pscustomobject]$row
    } | Format-Table -AutoSize | Out-String -Width 250 | Write-Host
    if ($base) { Write-Host "(Of curl: against $Baseline in the same run.)" }
}

# The 1, 5 and 15 minute load averages: on a shared machine, part of every figure.
function Get-Load {
    if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0..2] -join ' ' } else { 'not known here' }
}

# One 200 MiB file: Save-PromoTrack and the baselines, -Rounds times in turn.
function Measure-Large([string] $Tag, [switch] $WithInvokeWebRequest) {
    $figures = [ordered]@{}
    $growth = 0
    for ($round = 1; $round -le $Rounds; $round++) {
        $save = Measure-Save -Ids $largeId -Folder (New-Folder "large-$Tag-save-$round") -ThrottleLimit 1
        Add-Figure $figures 'Save-PromoTrack' ($largeMiB / $save.Seconds)
        $growth = [math]::Max($growth, $save.Growth)
        $url = Get-MediaUrl $largeId
        if ($curl) {
            Add-Figure $figures 'curl -o' ($largeMiB / (Measure-Seconds { & $curl -s -f -o (Join-Path (New-Folder "large-$Tag-curl-$round") 'f.bin') -H "Authorization: $bearer" $url }))
        }
        if ($WithInvokeWebRequest) {
            Add-Figure $figures 'Invoke-WebRequest -OutFile' ($largeMiB / (Measure-Seconds { Invoke-WebRequest -Uri $url -Headers @{ Authorization = $bearer } -OutFile (Join-Path (New-Folder "large-$Tag-iwr-$round") 'f.bin') }))
        }
        Add-Figure $figures 'raw HttpClient stream to file' ($largeMiB / (Measure-Seconds { [RawDownload]::Run($url, $bearer, (Join-Path (New-Folder "large-$Tag-raw-$round") 'f.bin')) }))
        # 200 MiB a method a round adds up: keep the disk's page cache and free space as they were.
        Get-ChildItem $work -Directory -Filter 'large-*' | Remove-Item -Recurse -Force
    }
    @{ Figures = $figures; Growth = $growth }
}

# 200 files of 5 MiB, 8 in flight: Save-PromoTrack and the baselines, -Rounds times in turn.
function Measure-Many([string] $Tag, [switch] $WithInvokeWebRequest) {
    $figures = [ordered]@{}
    $growth = 0
    for ($round = 1; $round -le $Rounds; $round++) {
        $save = Measure-Save -Ids $ids -Folder (New-Folder "many-$Tag-save-$round") -ThrottleLimit $Parallel
        Add-Figure $figures "Save-PromoTrack -ThrottleLimit $Parallel" ($SmallFiles / $save.Seconds)
        $growth = [math]::Max($growth, $save.Growth)
        $urls = @(Get-MediaUrl $ids)
        if ($curl) {
            $folder = New-Folder "many-$Tag-curl-$round"
            $config = Join-Path $work 'curl.cfg'
            $lines = for ($i = 0; $i -lt $urls.Count; $i++) { "url = `"$($urls[$i])`""; "output = `"$(Join-Path $folder "$i.bin")`"" }
            Set-Content -Path $config -Value $lines
            Add-Figure $figures "curl --parallel --parallel-max $Parallel" ($SmallFiles / (Measure-Seconds { & $curl -s -f --no-progress-meter --parallel --parallel-max $Parallel -H "Authorization: $bearer" -K $config }))
        }
        if ($WithInvokeWebRequest) {
            $folder = New-Folder "many-$Tag-iwr-$round"
            Add-Figure $figures "ForEach-Object -Parallel $Parallel + Invoke-WebRequest" ($SmallFiles / (Measure-Seconds {
                        $indexed = for ($i = 0; $i -lt $urls.Count; $i++) { [pscustomobject]@{ Url = $urls[$i]; Path = Join-Path $folder "$i.bin" } }
                        $indexed | ForEach-Object -ThrottleLimit $Parallel -Parallel {
                            $ProgressPreference = 'SilentlyContinue'
                            Invoke-WebRequest -Uri $_.Url -Headers @{ Authorization = $using:bearer } -OutFile $_.Path
                        }
                    }))
        }
        Get-ChildItem $work -Directory -Filter 'many-*' | Remove-Item -Recurse -Force
    }
    @{ Figures = $figures; Growth = $growth }
}

$largeId = 970001
$largeMiB = 200
$ids = Get-TrackIds -Start 971001 -Count $SmallFiles
$curlMany = "curl --parallel --parallel-max $Parallel"
try {
    $emulator = Start-PoolEmulator -EmulatorPath $emulatorPath
    try {
        Write-Host "Emulator at $($emulator.BaseUri); curl: $(if ($curl) { $curl } else { 'not found' }); $([Environment]::ProcessorCount) processors"

        Write-Host "Load average before the $largeMiB MiB file: $(Get-Load)"
        $large = Measure-Large -Tag 'free' -WithInvokeWebRequest
        Write-Figures "One $largeMiB MiB file (MB/s = MiB per second, median of $Rounds rounds; load after: $(Get-Load)):" $large.Figures 'MB/s' 'curl -o'

        Write-Host "Load average before the $SmallFiles files: $(Get-Load)"
        $many = Measure-Many -Tag 'free' -WithInvokeWebRequest
        Write-Figures "$SmallFiles files of 5 MiB, $Parallel in flight (files per second, median of $Rounds rounds; load after: $(Get-Load)):" $many.Figures 'Files/s' $curlMany

        Write-Host ('Peak working-set growth of the Save-PromoTrack process: {0:0.0} MB for the {1} MiB file, {2:0.0} MB for the {3} files.' -f ($large.Growth / 1MB), $largeMiB, ($many.Growth / 1MB), $SmallFiles)
    }
    finally {
        Stop-PoolEmulator $emulator
    }

    if ($PacedRate -gt 0) {
        $emulator = Start-PoolEmulator -EmulatorPath $emulatorPath -ArgumentList '--media-rate', $PacedRate.ToString([cultureinfo]::InvariantCulture)
        try {
            Write-Host "`nA paced line: every media answer at most $PacedRate MiB/s (emulator --media-rate $PacedRate)."
            Write-Host "Load average before the paced $largeMiB MiB file: $(Get-Load)"
            $large = Measure-Large -Tag 'paced'
            Write-Figures "Paced, one $largeMiB MiB file (MB/s = MiB per second; the line carries $PacedRate; load after: $(Get-Load)):" $large.Figures 'MB/s' 'curl -o' $PacedRate

            Write-Host "Load average before the paced $SmallFiles files: $(Get-Load)"
            $many = Measure-Many -Tag 'paced'
            $lineFiles = $Parallel * $PacedRate / 5
            Write-Figures "Paced, $SmallFiles files of 5 MiB, $Parallel in flight (files per second; $Parallel lines carry $lineFiles; load after: $(Get-Load)):" $many.Figures 'Files/s' $curlMany $lineFiles
        }
        finally {
            Stop-PoolEmulator $emulator
        }
    }
}
finally {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
