<#
.SYNOPSIS
    Measures Get-PromoDownloadServer against what users write today, on this machine, in one run.
.DESCRIPTION
    Starts the POOL emulator with a per-request latency, sends the same ids through each method,
    and prints requests per second with ratios against the baselines measured in the same run.
    The module at -ThrottleLimit 16 and its ceiling, a bare HttpClient loop 16 at a time, run
    -Rounds times in turn (each round in the other order), since a run of 1,000 ids lasts about a
    second and one such run moves by a tenth; their figures are medians with the range of the
    rounds, beside this process's CPU time, managed allocation (KB) and thread-pool work items per
    id, the last two counted rather than timed. The machine's load average is printed before and
    after: figures from a busy machine say so.
    Then reports memory growth for a long pipeline and whole-process cold-start times.
    Never part of the test pass/fail: run on demand.
.EXAMPLE
    dotnet pwsh ./bench/Measure-Throughput.ps1
.EXAMPLE
    dotnet pwsh ./bench/Measure-Throughput.ps1 -Count 1000 -MemoryIds 0 -SkipColdStart
.EXAMPLE
    dotnet pwsh ./bench/Measure-Throughput.ps1 -Count 500 -MemoryIds 20000 -SkipColdStart
#>
[CmdletBinding()]
param(
    [int] $Count = 2000,
    [int] $LatencyMs = 10,
    [ValidateRange(1, 99)]
    [int] $Rounds = 5,
    [int] $MemoryIds = 100000,
    [int] $ColdStartRuns = 5,
    [switch] $SkipColdStart,
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
if (-not $NoBuild) {
    & (Join-Path $root 'build.ps1') -Task Build | Out-Null
}
. (Join-Path $root 'build/EmulatorProcess.ps1')
$modulePath = Join-Path $root 'out/PromoOnly/PromoOnly.psd1'
$emulatorPath = Join-Path $root 'src/PromoOnly.Emulator/bin/Release/net10.0/PromoOnly.Emulator.dll'
$tokenText = '8b26e1e4f3f5e00a888807e605565c47'
$bearer = 'Bearer ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("1:$tokenText"))

# Ordinary catalogue tracks only (ids ending 00, 13 and 44 are empty, 403 and 404).
function Get-TrackIds([int] $Count, [int] $Start = 400001) {
    $ids = [Collections.Generic.List[long]]::new($Count)
    for ($id = $Start; $ids.Count -lt $Count; $id++) {
        if (($id % 100) -notin 0, 13, 44) {
            $ids.Add($id)
        }
    }
    $ids.ToArray()
}

Add-Type -TypeDefinition @'
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public static class RawHttpBaseline
{
    // The ceiling: plain HttpClient, N requests in flight, bodies read, nothing parsed.
    public static int Run(string baseUri, string bearer, long[] ids, int concurrency)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUri) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", bearer);
        using var gate = new SemaphoreSlim(concurrency);
        var tasks = new Task<int>[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            long id = ids[i];
            tasks[i] = Task.Run(async () =>
            {
                await gate.WaitAsync();
                try { return (await client.GetStringAsync("download/server/" + id)).Length; }
                finally { gate.Release(); }
            });
        }
        Task.WaitAll(tasks);
        return tasks.Length;
    }
}
'@

# The 1, 5 and 15 minute load averages: on a shared machine, part of every figure.
function Get-Load {
    if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0..2] -join ' ' } else { 'not known here' }
}

function Measure-Method([string] $Name, [scriptblock] $Body) {
    [GC]::Collect()
    $process = [Diagnostics.Process]::GetCurrentProcess()
    $cpu = $process.TotalProcessorTime
    $allocated = [GC]::GetTotalAllocatedBytes($true)
    $workItems = [Threading.ThreadPool]::CompletedWorkItemCount
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $null = & $Body
    $clock.Stop()
    $process.Refresh()
    $allocated = [GC]::GetTotalAllocatedBytes($true) - $allocated
    $workItems = [Threading.ThreadPool]::CompletedWorkItemCount - $workItems
    [pscustomobject]@{
        Method    = $Name
        Requests  = $ids.Count
        Seconds   = [math]::Round($clock.Elapsed.TotalSeconds, 2)
        PerSecond = [math]::Round($ids.Count / $clock.Elapsed.TotalSeconds, 1)
        # Everything this process did meanwhile (the pipeline, the HTTP stack), per id.
        CpuMsPerId = [math]::Round(($process.TotalProcessorTime - $cpu).TotalMilliseconds / $ids.Count, 3)
        # Counted, not timed, so the load of a shared machine does not move them much.
        KBPerId    = [math]::Round($allocated / 1KB / $ids.Count, 1)
        WorkItemsPerId = [math]::Round($workItems / $ids.Count, 2)
    }
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $middle = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

# One row per method over its rounds: median requests/s, the slowest and fastest round, median CPU.
function Join-Rounds([object[]] $Runs) {
    foreach ($method in $Runs | Group-Object Method) {
        $rates = [double[]]@($method.Group.PerSecond)
        [pscustomobject]@{
            Method     = $method.Name
            Rounds     = $rates.Count
            PerSecond  = [math]::Round((Get-Median $rates), 1)
            Range      = '{0:0}-{1:0}' -f ($rates | Measure-Object -Minimum).Minimum, ($rates | Measure-Object -Maximum).Maximum
            CpuMsPerId = [math]::Round((Get-Median ([double[]]@($method.Group.CpuMsPerId))), 3)
            KBPerId    = [math]::Round((Get-Median ([double[]]@($method.Group.KBPerId))), 1)
            WorkItemsPerId = [math]::Round((Get-Median ([double[]]@($method.Group.WorkItemsPerId))), 2)
        }
    }
}

$emulator = Start-PoolEmulator -EmulatorPath $emulatorPath -ArgumentList '--latency-ms', "$LatencyMs"
try {
    $base = $emulator.BaseUri.AbsoluteUri
    $env:PROMOONLY_API_BASE_URI = $base
    Import-Module $modulePath
    Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString $tokenText -AsPlainText -Force)
    $ids = Get-TrackIds $Count

    # Warm up every path once so JIT and connection set-up are not measured.
    $null = Get-PromoDownloadServer -TrackId $ids[0..9]
    $null = Invoke-RestMethod "${base}download/server/$($ids[0])" -Headers @{ Authorization = $bearer }
    $null = [RawHttpBaseline]::Run($base, $bearer, $ids[0..9], 4)

    Write-Host "Throughput: $Count ids, emulator latency $LatencyMs ms, $([Environment]::ProcessorCount) cores; load average before: $(Get-Load)" -ForegroundColor Cyan
    $module16Name = 'Get-PromoDownloadServer -ThrottleLimit 16'
    $rawName = 'raw HttpClient, 16 concurrent'
    $paired = foreach ($round in 1..$Rounds) {
        $pair = @(
            { Measure-Method $module16Name { $ids | Get-PromoDownloadServer -ThrottleLimit 16 } }
            { Measure-Method $rawName { [RawHttpBaseline]::Run($base, $bearer, $ids, 16) } }
        )
        # Neither always goes first: a warmer or cooler machine would favour one of them.
        if ($round % 2 -eq 0) { [array]::Reverse($pair) }
        $first = & $pair[0]
        $second = & $pair[1]
        $first, $second
    }
    $once = @(
        Measure-Method 'Get-PromoDownloadServer (throttle 4)' { $ids | Get-PromoDownloadServer }
        Measure-Method 'foreach + Invoke-RestMethod' { foreach ($id in $ids) { Invoke-RestMethod "${base}download/server/$id" -Headers @{ Authorization = $bearer } } }
        Measure-Method 'ForEach-Object -Parallel 16 + Invoke-RestMethod' { $ids | ForEach-Object -ThrottleLimit 16 -Parallel { Invoke-RestMethod "$($using:base)download/server/$_" -Headers @{ Authorization = $using:bearer } } }
    )
    $results = @(Join-Rounds $paired) + @(Join-Rounds $once)
    $results | Format-Table Method, Rounds, PerSecond, Range, CpuMsPerId, KBPerId, WorkItemsPerId -AutoSize | Out-String -Width 200 | Out-Host

    $byName = @{}
    foreach ($row in $results) { $byName[$row.Method] = $row }
    $module16 = $byName[$module16Name].PerSecond
    $rounds16 = @($paired | Where-Object Method -EQ $module16Name)
    $roundsRaw = @($paired | Where-Object Method -EQ $rawName)
    $roundRatios = for ($i = 0; $i -lt $Rounds; $i++) { $rounds16[$i].PerSecond / $roundsRaw[$i].PerSecond }
    [pscustomobject]@{
        'throttle 16 / raw HttpClient 16 (medians)'     = [math]::Round($module16 / $byName[$rawName].PerSecond, 2)
        'throttle 16 / raw HttpClient 16 (each round)'  = ($roundRatios | ForEach-Object { '{0:0.00}' -f $_ }) -join ' '
        'CPU per id, throttle 16 / raw HttpClient 16'   = [math]::Round($byName[$module16Name].CpuMsPerId / $byName[$rawName].CpuMsPerId, 2)
        'throttle 16 / sequential foreach'              = [math]::Round($module16 / $byName['foreach + Invoke-RestMethod'].PerSecond, 2)
        'throttle 16 / ForEach -Parallel 16'            = [math]::Round($module16 / $byName['ForEach-Object -Parallel 16 + Invoke-RestMethod'].PerSecond, 2)
        'throttle 4 / sequential foreach'               = [math]::Round($byName['Get-PromoDownloadServer (throttle 4)'].PerSecond / $byName['foreach + Invoke-RestMethod'].PerSecond, 2)
        'load average after'                            = Get-Load
    } | Format-List | Out-Host
}
finally {
    Stop-PoolEmulator $emulator
}

if ($MemoryIds -gt 0) {
    $emulator = Start-PoolEmulator -EmulatorPath $emulatorPath
    try {
        Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString $tokenText -AsPlainText -Force) -ApiBaseUri $emulator.BaseUri
        $process = [Diagnostics.Process]::GetCurrentProcess()
        [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
        $process.Refresh()
        $before = $process.WorkingSet64
        $heapBefore = [GC]::GetTotalMemory($true)
        $peak = $before
        $seen = 0
        $clock = [Diagnostics.Stopwatch]::StartNew()
        # Ids are generated lazily so the input itself does not occupy memory.
        & { for ($i = 0; $i -lt $MemoryIds; $i++) { 100001 + $i } } |
            Get-PromoDownloadServer -ThrottleLimit 16 -ErrorAction SilentlyContinue |
            ForEach-Object {
                if ((++$seen % 20000) -eq 0) {
                    $process.Refresh()
                    $peak = [math]::Max($peak, $process.WorkingSet64)
                }
            }
        $clock.Stop()
        $process.Refresh()
        $peak = [math]::Max($peak, $process.WorkingSet64)
        $heapAfter = [GC]::GetTotalMemory($true)
        Write-Host "Memory: $MemoryIds ids at zero latency, throttle 16, $seen servers in $([math]::Round($clock.Elapsed.TotalSeconds, 1)) s" -ForegroundColor Cyan
        [pscustomobject]@{
            'working set growth, peak (MB)'  = [math]::Round(($peak - $before) / 1MB, 1)
            'managed heap growth after (MB)' = [math]::Round(($heapAfter - $heapBefore) / 1MB, 1)
        } | Format-List | Out-Host
    }
    finally {
        Stop-PoolEmulator $emulator
    }
}

if (-not $SkipColdStart) {
    $emulator = Start-PoolEmulator -EmulatorPath $emulatorPath
    try {
        $base = $emulator.BaseUri.AbsoluteUri
        $pwsh = [Environment]::ProcessPath
        [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
        function Measure-Process([string] $Command) {
            $times = foreach ($run in 1..$ColdStartRuns) {
                $clock = [Diagnostics.Stopwatch]::StartNew()
                & $pwsh @prefix -NoProfile -NonInteractive -Command $Command | Out-Null
                if ($LASTEXITCODE -ne 0) { throw "Failed: $Command" }
                $clock.Elapsed.TotalMilliseconds
            }
            [math]::Round(($times | Sort-Object)[[int][math]::Floor($times.Count / 2)])
        }
        $connectAndLookup = "Import-Module '$modulePath'; Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString $tokenText -AsPlainText -Force) -ApiBaseUri $base; `$null = Get-PromoDownloadServer 337865"
        $restMethod = "`$null = Invoke-RestMethod ${base}download/server/337865 -Headers @{ Authorization = '$bearer' }"
        $exit = Measure-Process 'exit'
        $import = Measure-Process "Import-Module '$modulePath'"
        $module = Measure-Process $connectAndLookup
        $irm = Measure-Process $restMethod
        Write-Host "Cold start: whole pwsh process, median of $ColdStartRuns runs (ms)" -ForegroundColor Cyan
        [pscustomobject]@{
            'pwsh -c exit'                              = $exit
            'pwsh -c Import-Module PromoOnly'           = $import
            'Import-Module cost'                        = $import - $exit
            'Import + connect + one lookup'             = $module
            'Invoke-RestMethod alone'                   = $irm
            'module / Invoke-RestMethod'                = [math]::Round($module / $irm, 2)
        } | Format-List | Out-Host
    }
    finally {
        Stop-PoolEmulator $emulator
    }
}
