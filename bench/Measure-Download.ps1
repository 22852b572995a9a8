<#
.SYNOPSIS
    Measures Save-PromoTrack against curl, Invoke-WebRequest and a raw HttpClient loop, on this machine, in one run.
.DESCRIPTION
    Starts the POOL emulator (its media hosts are loopback listeners) and runs two workloads:
    one 200 MiB file (track 970001), and 200 files of 5 MiB (tracks 971001…) with 8 in flight.
    Where sh, tee and openssl exist, a baseline that does Save-PromoTrack's work (download and
    SHA-256) with curl runs too: curl | tee | openssl dgst -sha256 for the file, curl --parallel
    then openssl dgst -sha256 over the 200 files.
    Every method downloads the same bytes from the same media host. Save-PromoTrack does the whole
    workflow (queue call, probe, download, verify, rename, record, success signal); the baselines
    get their dl_tokens from queue calls made before their clock starts, so they only download.
    Save-PromoTrack runs in a fresh pwsh process each time, which first saves 8 files of 5 MiB
    (untimed, so the download path is compiled before the clock starts) and also reports its peak
    working-set growth during the workload. Each workload runs -Rounds times, every method once per round in
    turn, and each figure is the median of its rounds, so a moment of noise on a shared machine
    moves one round, not the result. Never part of the test pass/fail: run on demand.

    Then the same two workloads on a paced line (-PacedRate, MiB/s per connection): a second
    emulator started with --media-rate sends every media answer no faster than that, as a line of
    that speed would, and each figure is also given as a share of what the line can carry (the rate
    for one file; eight times the rate for 8 in flight). 0 skips the paced workloads.
    The machine's load average is printed before and after each workload: figures from a busy
    machine are not comparable with an idle one's. Each emulator is warmed up first (an untimed
    save of 40 files and one curl download), so its first-use compilation falls in no round.

    Where the cycles go: after each workload, every method's CPU seconds (its own process and the
    children it waited for, such as curl) and the emulator's meanwhile, medians of the rounds, and
    at the start what SHA-256 of the large file costs one core here, the hashing Save-PromoTrack does
    beyond a plain download. With the emulator on the same cores, a method whose CPU and the
    emulator's add up to the cores' time is bound by the processor, not by the line.
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
# For the baseline that does the same work as Save-PromoTrack (download and SHA-256), where sh, tee and
# openssl are: OpenSSL's SHA-256 is the one .NET uses on Linux (coreutils' sha256sum ran 5 x slower here).
$shell = (Get-Command sh -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
$openssl = (Get-Command openssl -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
$hashBaseline = $curl -and $shell -and $openssl
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

public static class CpuClock
{
    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int getrusage(int who, [System.Runtime.InteropServices.Out] long[] usage);

    // CPU seconds of the child processes this one has waited for (curl's), user and system; NaN where
    // getrusage is not there (Windows).
    public static double ChildrenSeconds()
    {
        if (OperatingSystem.IsWindows()) return double.NaN;
        var usage = new long[18];
        getrusage(-1, usage);
        return usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6;
    }

    // What hashing Mebibytes of data costs one core here: the work Save-PromoTrack does beyond a plain download.
    public static double Sha256Seconds(int mebibytes)
    {
        var buffer = new byte[256 * 1024];
        new Random(1).NextBytes(buffer);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < mebibytes * 4; i++) hash.AppendData(buffer);
        hash.GetHashAndReset();
        return clock.Elapsed.TotalSeconds;
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

# Seconds for the body; its CPU seconds (this process's and the child processes' it waited for, such
# as curl) and the emulator's go to $script:LastCpu, for the CPU table.
function Measure-Seconds([scriptblock] $Body) {
    [GC]::Collect()
    $self = [Diagnostics.Process]::GetCurrentProcess()
    $before = Get-CpuSample
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $null = & $Body
    $seconds = $clock.Elapsed.TotalSeconds
    $after = Get-CpuSample
    $script:LastCpu = @{ Client = ($after.Self - $before.Self) + ($after.Children - $before.Children); Emulator = $after.Emulator - $before.Emulator }
    $seconds
}

function Get-CpuSample {
    $self = [Diagnostics.Process]::GetCurrentProcess()
    $emulator.Process.Refresh()
    @{ Self = $self.TotalProcessorTime.TotalSeconds; Children = [CpuClock]::ChildrenSeconds(); Emulator = $emulator.Process.TotalProcessorTime.TotalSeconds }
}

# Save-PromoTrack in a fresh pwsh: seconds for the call and the peak working-set growth during it.
function Measure-Save([long[]] $Ids, [string] $Folder, [int] $ThrottleLimit) {
    $idList = $Ids -join ','
    $warmIds = (Get-TrackIds -Start 971801 -Count 8) -join ','
    $script = @"
`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'
Import-Module '$modulePath'
Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString '$tokenText' -AsPlainText -Force)
# Closer to the steady state curl has from its first byte: 8 files of 5 MiB through the same path
# first, so the download loop's hot methods are compiled before the clock starts. The runtime still
# compiles a few hundred methods during the call (tiered compilation finishing PowerShell's start-up
# and the HTTP stack): the CPU table counts them, and waiting idle first does not lower the count.
`$null = Save-PromoTrack $warmIds -Path '$Folder-warm' -ThrottleLimit $ThrottleLimit
[GC]::Collect()
`$process = [Diagnostics.Process]::GetCurrentProcess()
`$before = `$process.PeakWorkingSet64
`$emulator = [Diagnostics.Process]::GetProcessById($($emulator.Process.Id))
`$cpu = `$process.TotalProcessorTime.TotalSeconds
`$emulatorCpu = `$emulator.TotalProcessorTime.TotalSeconds
`$compiled = [Runtime.JitInfo]::GetCompiledMethodCount(`$false)
`$clock = [Diagnostics.Stopwatch]::StartNew()
`$saved = @(Save-PromoTrack $idList -Path '$Folder' -ThrottleLimit $ThrottleLimit)
`$seconds = `$clock.Elapsed.TotalSeconds
`$compiled = [Runtime.JitInfo]::GetCompiledMethodCount(`$false) - `$compiled
`$process.Refresh()
`$emulator.Refresh()
[pscustomobject]@{ Seconds = `$seconds; Cpu = `$process.TotalProcessorTime.TotalSeconds - `$cpu; EmulatorCpu = `$emulator.TotalProcessorTime.TotalSeconds - `$emulatorCpu; Growth = `$process.PeakWorkingSet64 - `$before; Saved = `$saved.Count; Compiled = `$compiled } | ConvertTo-Json -Compress
"@
    $env:PROMOONLY_API_BASE_URI = $emulator.BaseUri.AbsoluteUri
    $output = & ([Environment]::ProcessPath) $(if ((Split-Path ([Environment]::ProcessPath) -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' }) -NoProfile -NonInteractive -Command $script
    $result = $output | Select-Object -Last 1 | ConvertFrom-Json
    if ($result.Saved -ne $Ids.Count) { throw "Save-PromoTrack saved $($result.Saved) of $($Ids.Count) files." }
    $script:LastCpu = @{ Client = $result.Cpu; Emulator = $result.EmulatorCpu; Compiled = $result.Compiled }
    $result
}

# Adds a round's figure, and the CPU seconds its measurement left in $script:LastCpu.
function Add-Figure([Collections.Specialized.OrderedDictionary] $Figures, [Collections.Specialized.OrderedDictionary] $Cpu, [string] $Method, [double] $Value) {
    if (-not $Figures.Contains($Method)) {
        $Figures[$Method] = [Collections.Generic.List[double]]::new()
        $Cpu[$Method] = [Collections.Generic.List[hashtable]]::new()
    }
    $Figures[$Method].Add($Value)
    $Cpu[$Method].Add($script:LastCpu)
}

# Where the cycles go on a machine the emulator shares: each method's CPU seconds (its own process and
# children, and the emulator's meanwhile), median of the rounds. On 2 cores, a method whose CPU and the
# emulator's add up to about twice its elapsed time is bound by the processor, not by the line.
function Write-Cpu([string] $Title, [Collections.Specialized.OrderedDictionary] $Cpu) {
    Write-Host $Title
    $Cpu.GetEnumerator() | ForEach-Object {
        [pscustomobject]@{
            Method           = $_.Key
            'Client CPU s'   = '{0:0.00}' -f (Get-Median @($_.Value | ForEach-Object { $_.Client }))
            'Emulator CPU s' = '{0:0.00}' -f (Get-Median @($_.Value | ForEach-Object { $_.Emulator }))
            # The runtime compiling methods in the process meanwhile (tiered compilation): CPU that is not the download's.
            'Methods compiled' = if ($null -ne $_.Value[0].Compiled) { Get-Median @($_.Value | ForEach-Object { $_.Compiled }) } else { '' }
        }
    } | Format-Table -AutoSize | Out-String -Width 250 | Write-Host
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
    $cpu = [ordered]@{}
    $growth = 0
    for ($round = 1; $round -le $Rounds; $round++) {
        $save = Measure-Save -Ids $largeId -Folder (New-Folder "large-$Tag-save-$round") -ThrottleLimit 1
        Add-Figure $figures $cpu 'Save-PromoTrack' ($largeMiB / $save.Seconds)
        $growth = [math]::Max($growth, $save.Growth)
        $url = Get-MediaUrl $largeId
        if ($curl) {
            Add-Figure $figures $cpu 'curl -o' ($largeMiB / (Measure-Seconds { & $curl -s -f -o (Join-Path (New-Folder "large-$Tag-curl-$round") 'f.bin') -H "Authorization: $bearer" $url }))
        }
        if ($WithInvokeWebRequest -and $hashBaseline) {
            # Download and SHA-256 in one stream, as a script would get what Save-PromoTrack returns.
            $file = Join-Path (New-Folder "large-$Tag-hash-$round") 'f.bin'
            Add-Figure $figures $cpu 'curl | tee | openssl dgst -sha256' ($largeMiB / (Measure-Seconds { & $shell -c "'$curl' -s -f -H 'Authorization: $bearer' '$url' | tee '$file' | '$openssl' dgst -sha256 > /dev/null" }))
        }
        if ($WithInvokeWebRequest) {
            Add-Figure $figures $cpu 'Invoke-WebRequest -OutFile' ($largeMiB / (Measure-Seconds { Invoke-WebRequest -Uri $url -Headers @{ Authorization = $bearer } -OutFile (Join-Path (New-Folder "large-$Tag-iwr-$round") 'f.bin') }))
        }
        Add-Figure $figures $cpu 'raw HttpClient stream to file' ($largeMiB / (Measure-Seconds { [RawDownload]::Run($url, $bearer, (Join-Path (New-Folder "large-$Tag-raw-$round") 'f.bin')) }))
        # 200 MiB a method a round adds up: keep the disk's page cache and free space as they were.
        Get-ChildItem $work -Directory -Filter 'large-*' | Remove-Item -Recurse -Force
    }
    @{ Figures = $figures; Cpu = $cpu; Growth = $growth }
}

# 200 files of 5 MiB, 8 in flight: Save-PromoTrack and the baselines, -Rounds times in turn.
function Measure-Many([string] $Tag, [switch] $WithInvokeWebRequest) {
    $figures = [ordered]@{}
    $cpu = [ordered]@{}
    $growth = 0
    for ($round = 1; $round -le $Rounds; $round++) {
        $save = Measure-Save -Ids $ids -Folder (New-Folder "many-$Tag-save-$round") -ThrottleLimit $Parallel
        Add-Figure $figures $cpu "Save-PromoTrack -ThrottleLimit $Parallel" ($SmallFiles / $save.Seconds)
        $growth = [math]::Max($growth, $save.Growth)
        $urls = @(Get-MediaUrl $ids)
        if ($curl) {
            $folder = New-Folder "many-$Tag-curl-$round"
            $config = Join-Path $work 'curl.cfg'
            $lines = for ($i = 0; $i -lt $urls.Count; $i++) { "url = `"$($urls[$i])`""; "output = `"$(Join-Path $folder "$i.bin")`"" }
            Set-Content -Path $config -Value $lines
            Add-Figure $figures $cpu "curl --parallel --parallel-max $Parallel" ($SmallFiles / (Measure-Seconds { & $curl -s -f --no-progress-meter --parallel --parallel-max $Parallel -H "Authorization: $bearer" -K $config }))
        }
        if ($WithInvokeWebRequest -and $hashBaseline) {
            # The same work as Save-PromoTrack: the files, then the SHA-256 of each.
            $folder = New-Folder "many-$Tag-hash-$round"
            $lines = for ($i = 0; $i -lt $urls.Count; $i++) { "url = `"$($urls[$i])`""; "output = `"$(Join-Path $folder "$i.bin")`"" }
            Set-Content -Path $config -Value $lines
            Add-Figure $figures $cpu "curl --parallel, then openssl dgst -sha256" ($SmallFiles / (Measure-Seconds {
                        & $curl -s -f --no-progress-meter --parallel --parallel-max $Parallel -H "Authorization: $bearer" -K $config
                        & $openssl dgst -sha256 (Get-ChildItem $folder -File).FullName > $null
                    }))
        }
        if ($WithInvokeWebRequest) {
            $folder = New-Folder "many-$Tag-iwr-$round"
            Add-Figure $figures $cpu "ForEach-Object -Parallel $Parallel + Invoke-WebRequest" ($SmallFiles / (Measure-Seconds {
                        $indexed = for ($i = 0; $i -lt $urls.Count; $i++) { [pscustomobject]@{ Url = $urls[$i]; Path = Join-Path $folder "$i.bin" } }
                        $indexed | ForEach-Object -ThrottleLimit $Parallel -Parallel {
                            $ProgressPreference = 'SilentlyContinue'
                            Invoke-WebRequest -Uri $_.Url -Headers @{ Authorization = $using:bearer } -OutFile $_.Path
                        }
                    }))
        }
        Get-ChildItem $work -Directory -Filter 'many-*' | Remove-Item -Recurse -Force
    }
    @{ Figures = $figures; Cpu = $cpu; Growth = $growth }
}

# A fresh emulator compiles its request paths on first use: one untimed save of 40 files and one
# curl download first, so that work falls in no method's round.
function Initialize-Emulator {
    $null = Measure-Save -Ids $ids[0..39] -Folder (New-Folder 'warm-up') -ThrottleLimit $Parallel
    if ($curl) {
        $null = Measure-Seconds { & $curl -s -f -o (Join-Path (New-Folder 'warm-up-curl') 'f.bin') -H "Authorization: $bearer" (Get-MediaUrl $ids[-1]) }
    }
    Get-ChildItem $work -Directory -Filter 'warm-up*' | Remove-Item -Recurse -Force
}

$largeId = 970001
$largeMiB = 200
$ids = Get-TrackIds -Start 971001 -Count $SmallFiles
$curlMany = "curl --parallel --parallel-max $Parallel"
try {
    $emulator = Start-PoolEmulator -EmulatorPath $emulatorPath
    try {
        Write-Host "Emulator at $($emulator.BaseUri); curl: $(if ($curl) { $curl } else { 'not found' }); $([Environment]::ProcessorCount) processors"
        Write-Host ('SHA-256 of {0} MiB in this process: {1:0.000} s of one core (the hashing Save-PromoTrack does beyond a plain download).' -f $largeMiB, [CpuClock]::Sha256Seconds($largeMiB))
        Initialize-Emulator

        Write-Host "Load average before the $largeMiB MiB file: $(Get-Load)"
        $large = Measure-Large -Tag 'free' -WithInvokeWebRequest
        Write-Figures "One $largeMiB MiB file (MB/s = MiB per second, median of $Rounds rounds; load after: $(Get-Load)):" $large.Figures 'MB/s' 'curl -o'
        Write-Cpu "CPU seconds for the $largeMiB MiB file (median):" $large.Cpu

        Write-Host "Load average before the $SmallFiles files: $(Get-Load)"
        $many = Measure-Many -Tag 'free' -WithInvokeWebRequest
        Write-Figures "$SmallFiles files of 5 MiB, $Parallel in flight (files per second, median of $Rounds rounds; load after: $(Get-Load)):" $many.Figures 'Files/s' $curlMany
        Write-Cpu "CPU seconds for the $SmallFiles files (median):" $many.Cpu

        Write-Host ('Peak working-set growth of the Save-PromoTrack process: {0:0.0} MB for the {1} MiB file, {2:0.0} MB for the {3} files.' -f ($large.Growth / 1MB), $largeMiB, ($many.Growth / 1MB), $SmallFiles)
    }
    finally {
        Stop-PoolEmulator $emulator
    }

    if ($PacedRate -gt 0) {
        $emulator = Start-PoolEmulator -EmulatorPath $emulatorPath -ArgumentList '--media-rate', $PacedRate.ToString([cultureinfo]::InvariantCulture)
        try {
            Write-Host "`nA paced line: every media answer at most $PacedRate MiB/s (emulator --media-rate $PacedRate)."
            Initialize-Emulator
            Write-Host "Load average before the paced $largeMiB MiB file: $(Get-Load)"
            $large = Measure-Large -Tag 'paced'
            Write-Figures "Paced, one $largeMiB MiB file (MB/s = MiB per second; the line carries $PacedRate; load after: $(Get-Load)):" $large.Figures 'MB/s' 'curl -o' $PacedRate
            Write-Cpu "CPU seconds for the paced $largeMiB MiB file (median):" $large.Cpu

            Write-Host "Load average before the paced $SmallFiles files: $(Get-Load)"
            $many = Measure-Many -Tag 'paced'
            $lineFiles = $Parallel * $PacedRate / 5
            Write-Figures "Paced, $SmallFiles files of 5 MiB, $Parallel in flight (files per second; $Parallel lines carry $lineFiles; load after: $(Get-Load)):" $many.Figures 'Files/s' $curlMany $lineFiles
            Write-Cpu "CPU seconds for the paced $SmallFiles files (median):" $many.Cpu
        }
        finally {
            Stop-PoolEmulator $emulator
        }
    }
}
finally {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
