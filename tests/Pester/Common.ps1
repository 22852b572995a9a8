# Shared setup for every Pester file: where the built module and the emulator are, and how to start one.
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ModulePath = if ($env:PROMOONLY_TEST_MODULE) { $env:PROMOONLY_TEST_MODULE } else { Join-Path $RepoRoot 'out/PromoOnly/PromoOnly.psd1' }
$script:EmulatorPath = if ($env:PROMOONLY_TEST_EMULATOR) { $env:PROMOONLY_TEST_EMULATOR } else { Join-Path $RepoRoot 'src/PromoOnly.Emulator/bin/Release/net10.0/PromoOnly.Emulator.dll' }
. (Join-Path $RepoRoot 'build/EmulatorProcess.ps1')

# The documented example credentials, which the emulator seeds for user 1.
$script:DemoUserId = 1
$script:DemoTokenText = '8b26e1e4f3f5e00a888807e605565c47'

function New-DemoToken {
    ConvertTo-SecureString $DemoTokenText -AsPlainText -Force
}

# The setup most files share: an emulator that the module's default address points at, the built
# module imported, and (unless -NoConnect) the demo user connected as the default session.
function Start-TestEmulator([string[]] $ArgumentList = @(), [switch] $NoConnect) {
    $emulator = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList $ArgumentList
    $env:PROMOONLY_API_BASE_URI = $emulator.BaseUri.AbsoluteUri
    Import-Module $ModulePath -Force
    if (-not $NoConnect) {
        Connect-PromoOnly -UserId $DemoUserId -Token (New-DemoToken)
        Wait-PoolSync $emulator
    }
    $emulator
}

# A default table view as a person at an 80-column console sees it: one header line naming every
# label, in order, a line of dashes under it, and no line wider than 80.
function Assert-View($InputObject, [string[]] $Label) {
    $lines = @(($InputObject | Out-String -Width 80) -split '\r?\n' | Where-Object { $_ -match '\S' })
    $lines[0] | Should -Match ('^\s*' + (($Label | ForEach-Object { [regex]::Escape($_) }) -join '\s+') + '\s*$')
    $lines[1] | Should -Match '^[\s-]+$' -Because 'the header takes one line'
    $lines | Where-Object Length -GT 80 | Should -BeNullOrEmpty
}

# Connect-PromoOnly's distribution sync (GET /user/sync) may outlive Connect on a slow or loaded
# server; a test that counts requests or concurrency afterwards waits until it is answered.
function Wait-PoolSync([Parameter(Mandatory)] $Emulator) {
    Wait-Until { @(Invoke-RestMethod -Uri ([uri]::new($Emulator.BaseUri, '_emulator/in-flight'))) -notcontains '/user/sync' }
}

# Undoes Start-TestEmulator: stops the emulator and forgets its address.
function Stop-TestEmulator([Parameter(Mandatory)] $Emulator) {
    Stop-PoolEmulator $Emulator
    Remove-Item Env:\PROMOONLY_API_BASE_URI -ErrorAction SilentlyContinue
}

# One object per logged request (Invoke-RestMethod would emit the JSON array as a single object).
function Get-EmulatorRequest([Parameter(Mandatory)] $Emulator) {
    foreach ($request in (Invoke-RestMethod -Uri ([uri]::new($Emulator.BaseUri, '_emulator/requests')))) {
        $request
    }
}

function Get-EmulatorStat([Parameter(Mandatory)] $Emulator) {
    Invoke-RestMethod -Uri ([uri]::new($Emulator.BaseUri, '_emulator/stats'))
}

# Resets the emulator's call counters, per-track request counts and mirror counts.
function Clear-EmulatorStat([Parameter(Mandatory)] $Emulator) {
    $null = Invoke-RestMethod -Method Delete -Uri ([uri]::new($Emulator.BaseUri, '_emulator/stats'))
}

# Waits for a condition a test needs (not for a guessed duration); the guard only catches a hang.
function Wait-Until([Parameter(Mandatory)] [scriptblock] $Condition, [int] $GuardSeconds = 30) {
    $guard = [Diagnostics.Stopwatch]::StartNew()
    while (-not (& $Condition)) {
        if ($guard.Elapsed.TotalSeconds -gt $GuardSeconds) {
            throw "Condition not met within $GuardSeconds s: $Condition"
        }
        Start-Sleep -Milliseconds 20
    }
}

function Clear-EmulatorRequest([Parameter(Mandatory)] $Emulator) {
    $null = Invoke-RestMethod -Method Delete -Uri ([uri]::new($Emulator.BaseUri, '_emulator/requests'))
}

# Runs a script in a new pwsh process (the same PowerShell as this one) with extra environment
# variables, and returns its standard output; throws with its error output if it fails.
# -ErrorOutput receives what it wrote to standard error even when it succeeds.
function Invoke-FreshPwsh([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{}, [string] $WorkingDirectory = $TestDrive, [int] $GuardSeconds = 600, [ref] $ErrorOutput) {
    $info = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
    $info.WorkingDirectory = $WorkingDirectory
    if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
        $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
    }
    foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $Script) {
        $info.ArgumentList.Add($argument)
    }
    foreach ($name in $Environment.Keys) {
        $info.Environment[$name] = $Environment[$name]
    }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($info)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($GuardSeconds * 1000)) {
        $process.Kill($true)
        throw "The child pwsh did not finish within $GuardSeconds s."
    }
    if ($ErrorOutput) {
        $ErrorOutput.Value = $stderr.Result
    }
    if ($process.ExitCode -ne 0) {
        throw "The child pwsh failed with exit code $($process.ExitCode): $($stderr.Result) $($stdout.Result)"
    }
    $stdout.Result
}
