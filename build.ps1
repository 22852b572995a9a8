#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests and demonstrates the PromoOnly module.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Demo
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Install   # for the current user: then Import-Module PromoOnly in any pwsh
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Package
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Publish -Repository PSGallery   # API key from $env:PROMOONLY_PUBLISH_API_KEY
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Emulator', 'Install', 'Package', 'Publish', 'Clean')]
    [string] $Task = 'Build',

    # The registered repository that -Task Publish publishes to.
    [string] $Repository,

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Extra emulator options for -Task Emulator, e.g. '--latency-ms', '50'.
    [string[]] $EmulatorArgument = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# Logs, not terminals: no ANSI colour codes when the output is redirected or CI/NO_COLOR is set.
# The child pwsh processes read NO_COLOR (tests/Pester/Invoke-PesterSuite.ps1 does).
if ([Console]::IsOutputRedirected -or $env:CI -or $env:NO_COLOR) {
    $PSStyle.OutputRendering = 'PlainText'
    $env:NO_COLOR = '1'
}

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'PromoOnly'
$ResultsDir = Join-Path $Out 'test-results'
$Version = (Import-PowerShellDataFile (Join-Path $Root 'PromoOnly.psd1')).ModuleVersion
$EmulatorDll = Join-Path $Root "src/PromoOnly.Emulator/bin/$Configuration/net10.0/PromoOnly.Emulator.dll"
$PesterVersion = '5.7.1'
# What each build of src/PromoOnly ships, under out/PromoOnly/bin/<framework>.
$ModuleBuilds = [ordered]@{
    'netstandard2.0' = 'PromoOnly.dll', 'Newtonsoft.Json.dll'
    'net8.0'         = , 'PromoOnly.dll'
}

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE."
    }
}

# The same PowerShell that runs this script, as a fresh process (dotnet tool or installed pwsh).
function Invoke-ChildPwsh {
    param([string[]] $ArgumentList)
    $host_ = [Environment]::ProcessPath
    [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
    & $host_ @prefix -NoProfile -NonInteractive @ArgumentList | Out-Host
    $LASTEXITCODE
}

# Builds the solution (or, for Install, only the module's project) and assembles out/PromoOnly.
function Build-Module([string] $Project = (Join-Path $Root 'PromoOnly.PowerShell.sln')) {
    Write-Host "Building PromoOnly $Version ($Configuration)" -ForegroundColor Cyan
    Invoke-Dotnet build $Project -c $Configuration "-p:Version=$Version" --nologo --verbosity minimal

    # One module, two builds (README, "Two builds, one module"): PromoOnly.psm1 imports the one made
    # for the running PowerShell. PowerShell 7 has loaded its own Newtonsoft.Json before any module,
    # so only the .NET Framework build ships a copy.
    if (Test-Path $ModuleOut) {
        Remove-Item $ModuleOut -Recurse -Force
    }
    $source = Join-Path $Root 'src/PromoOnly'
    foreach ($build in $ModuleBuilds.GetEnumerator()) {
        $bin = Join-Path $source "bin/$Configuration/$($build.Key)"
        $target = New-Item -ItemType Directory -Path (Join-Path $ModuleOut "bin/$($build.Key)")
        foreach ($file in $build.Value) {
            Copy-Item (Join-Path $bin $file) $target
        }
    }
    foreach ($file in (Join-Path $Root 'PromoOnly.psd1'), (Join-Path $source 'PromoOnly.psm1'), (Join-Path $source 'PromoOnly.Format.ps1xml')) {
        Copy-Item $file $ModuleOut
    }

    # MAML help from docs/en-US, in a child process so this one never loads the freshly built DLL.
    $code = Invoke-ChildPwsh -ArgumentList @('-File', (Join-Path $Root 'build/Build-Help.ps1'),
        '-ModulePath', $ModuleOut, '-DocsPath', (Join-Path $Root 'docs/en-US'))
    if ($code -ne 0) {
        throw "Build-Help.ps1 failed with exit code $code; see the problems listed above."
    }
    Write-Host "Module: $ModuleOut"
}

function Get-NuGetPackagesPath {
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    }
    $packages
}

function Get-PesterPath {
    Invoke-Dotnet restore (Join-Path $Root 'build/Tools.proj') --nologo --verbosity quiet
    Join-Path (Get-NuGetPackagesPath) "pester/$PesterVersion/tools/Pester.psd1"
}

function Test-Module {
    Build-Module
    if (Test-Path $ResultsDir) {
        Remove-Item $ResultsDir -Recurse -Force
    }
    $null = New-Item -ItemType Directory -Path $ResultsDir

    Write-Host 'xunit: core tests' -ForegroundColor Cyan
    & dotnet test (Join-Path $Root 'tests/PromoOnly.Tests/PromoOnly.Tests.csproj') -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=normal' --results-directory $ResultsDir
    $xunit = Read-TrxCounts (Join-Path $ResultsDir 'xunit.trx')

    Write-Host 'xunit: emulator tests' -ForegroundColor Cyan
    & dotnet test (Join-Path $Root 'tests/PromoOnly.Emulator.Tests/PromoOnly.Emulator.Tests.csproj') -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=xunit-emulator.trx' --logger 'console;verbosity=normal' --results-directory $ResultsDir
    $emulatorTests = Read-TrxCounts (Join-Path $ResultsDir 'xunit-emulator.trx')
    $desktop = Test-DesktopLeg

    Write-Host 'Pester: the built module against the emulator, in a fresh pwsh' -ForegroundColor Cyan
    $pesterJson = Join-Path $ResultsDir 'pester.json'
    $env:PROMOONLY_TEST_MODULE = Join-Path $ModuleOut 'PromoOnly.psd1'
    $env:PROMOONLY_TEST_EMULATOR = $EmulatorDll
    $null = Invoke-ChildPwsh -ArgumentList @('-File', (Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1'),
        '-PesterPath', (Get-PesterPath), '-TestPath', (Join-Path $Root 'tests/Pester'), '-ResultPath', $pesterJson)
    $pester = if (Test-Path $pesterJson) { Get-Content $pesterJson -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1 } }

    Write-Host ''
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed"
    Write-Host "xunit (emulator): $($emulatorTests.Passed) passed, $($emulatorTests.Failed) failed"
    if ($desktop.Skipped) {
        Write-Host "xunit on .NET Framework 4.7.2 (Mono): SKIPPED, $($desktop.Reason)" -ForegroundColor Yellow
    }
    else {
        Write-Host "xunit on .NET Framework 4.7.2 (Mono): $($desktop.Passed) passed, $($desktop.Failed) failed"
    }
    Write-Host "pester: $($pester.Passed) passed, $($pester.Failed) failed"
    $passed = $xunit.Passed + $emulatorTests.Passed + $desktop.Passed + $pester.Passed
    $failed = $xunit.Failed + $emulatorTests.Failed + $desktop.Failed + $pester.Failed
    Write-Host "total: $passed passed, $failed failed"
    if ($failed -gt 0 -or $xunit.Passed -eq 0 -or $emulatorTests.Passed -eq 0 -or $pester.Passed -eq 0 -or (-not $desktop.Skipped -and $desktop.Passed -eq 0)) {
        exit 1
    }
}

# The core's xunit tests built for net472 and run on Mono: a proxy for the .NET Framework under
# Windows PowerShell 5.1, not Windows PowerShell itself. Always compiled, so a test that only
# builds on .NET (Core) is caught everywhere; run where Mono is installed (.ci/run installs it).
function Test-DesktopLeg {
    Write-Host 'xunit: core tests on .NET Framework 4.7.2 (Mono)' -ForegroundColor Cyan
    $project = Join-Path $Root 'tests/PromoOnly.Tests.Desktop/PromoOnly.Tests.Desktop.csproj'
    Invoke-Dotnet build $project -c $Configuration "-p:Version=$Version" --nologo --verbosity minimal | Out-Host

    $mono = Get-Command mono -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    $facades = '/usr/lib/mono/4.5/Facades/netstandard.dll'
    $reason = if (-not $mono) { 'mono is not installed' } elseif (-not (Test-Path $facades)) { "Mono has no $facades" }
    if ($reason) {
        $reason += ' (Debian: apt-get install mono-devel)'
        if ($env:CI -eq 'true') {
            throw "The .NET Framework test leg cannot run: $reason. .ci/run installs it; CI must not skip it."
        }
        Write-Host "Skipping the .NET Framework leg: $reason." -ForegroundColor Yellow
        return [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = $true; Reason = $reason }
    }

    # The runner the project restored (its PackageReference pins the version).
    $pinned = ([xml](Get-Content $project -Raw)).SelectSingleNode("//PackageReference[@Include='xunit.runner.console']").Version
    $runner = Join-Path (Get-NuGetPackagesPath) "xunit.runner.console/$pinned/tools/net472/xunit.console.exe"
    $tests = Join-Path $Root "tests/PromoOnly.Tests.Desktop/bin/$Configuration/net472/PromoOnly.Tests.dll"
    $xml = Join-Path $ResultsDir 'xunit-net472.xml'
    # -noappdomain: on Mono, unloading the test AppDomain at the end sometimes hung for good (thread
    # aborts of socket threads; about one run in 30 under load, none in 100 without the AppDomain).
    # The leg takes seconds; a runner that still hangs must fail the build, not hold CI until its limit.
    Remove-Item $xml -ErrorAction SilentlyContinue
    $process = Start-Process -FilePath $mono.Source -ArgumentList "`"$runner`"", "`"$tests`"", '-noshadow', '-noappdomain', '-nologo', '-xml', "`"$xml`"" -NoNewWindow -PassThru
    if (-not $process.WaitForExit(300000)) {
        $process.Kill($true)
        Write-Host 'xunit on .NET Framework 4.7.2 (Mono): the runner was still going after 5 minutes and was stopped.' -ForegroundColor Red
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = $false; Reason = $null }
    }
    if (-not (Test-Path $xml)) {
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = $false; Reason = $null }
    }
    $assembly = ([xml](Get-Content $xml -Raw)).assemblies.assembly
    # GetAttribute: <assembly> also has an <errors> child that dot-notation would return with the attribute.
    [pscustomobject]@{
        Passed  = [int]$assembly.GetAttribute('passed')
        Failed  = [int]$assembly.GetAttribute('failed') + [int]$assembly.GetAttribute('errors')
        Skipped = $false
        Reason  = $null
    }
}

function Read-TrxCounts([string] $Path) {
    if (-not (Test-Path $Path)) {
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
    $counters = ([xml](Get-Content $Path -Raw)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted }
}

function Show-Demo {
    Build-Module
    $code = Invoke-ChildPwsh -ArgumentList @('-File', (Join-Path $Root 'build/Demo.ps1'),
        '-ModulePath', (Join-Path $ModuleOut 'PromoOnly.psd1'), '-EmulatorPath', $EmulatorDll)
    if ($code -ne 0) {
        exit $code
    }
}

# Where Install-Module -Scope CurrentUser puts modules, per edition: PowerShell 7 on Windows uses
# Documents\PowerShell\Modules, elsewhere the XDG data folder (~/.local/share/powershell/Modules);
# Windows PowerShell 5.1 uses Documents\WindowsPowerShell\Modules. Each PowerShell puts its own
# folder on PSModulePath, so Import-Module PromoOnly finds the module there by name.
function Get-UserModuleRoot {
    if ($IsWindows) {
        $documents = [Environment]::GetFolderPath('MyDocuments')
        [pscustomobject]@{ Edition = 'PowerShell 7'; Path = Join-Path $documents 'PowerShell/Modules' }
        [pscustomobject]@{ Edition = 'Windows PowerShell 5.1'; Path = Join-Path $documents 'WindowsPowerShell/Modules' }
    }
    else {
        [pscustomobject]@{ Edition = 'PowerShell 7'; Path = Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'powershell/Modules' }
    }
}

# The built module, for the current user, as Install-Module lays it out (<root>/PromoOnly/<version>).
# Another installed version stays, as with Install-Module; the same version is replaced.
function Install-BuiltModule {
    Build-Module -Project (Join-Path $Root 'src/PromoOnly/PromoOnly.csproj')
    foreach ($root in Get-UserModuleRoot) {
        $target = Join-Path $root.Path "PromoOnly/$Version"
        if (Test-Path $target) {
            Remove-Item $target -Recurse -Force -ErrorAction Stop
        }
        $null = New-Item -ItemType Directory -Path $target -Force
        Copy-Item (Join-Path $ModuleOut '*') $target -Recurse
        Write-Host "Installed PromoOnly $Version for $($root.Edition): $target"
    }
    Write-Host 'Import-Module PromoOnly now works in a new pwsh in any folder, scheduled scripts included.'
}

# out/PromoOnly.<version>.nupkg, the package a gallery receives, without publishing anywhere.
function New-Package {
    Build-Module
    Get-ChildItem $Out -Filter 'PromoOnly.*.nupkg' | Remove-Item
    Compress-PSResource -Path $ModuleOut -DestinationPath $Out
    $package = Join-Path $Out "PromoOnly.$Version.nupkg"
    if (-not (Test-Path $package)) {
        throw "Compress-PSResource did not write $package."
    }
    Write-Host "Package: $package"
}

function Publish-Module {
    if (-not $Repository) {
        throw 'Name the registered repository to publish to: -Repository <name> (see Get-PSResourceRepository).'
    }
    Build-Module
    $publish = @{ Path = $ModuleOut; Repository = $Repository }
    # From the environment, so the key never sits in shell history or a process list.
    if ($env:PROMOONLY_PUBLISH_API_KEY) {
        $publish.ApiKey = $env:PROMOONLY_PUBLISH_API_KEY
    }
    Publish-PSResource @publish
    Write-Host "Published PromoOnly $Version to $Repository"
}

function Start-Emulator {
    Invoke-Dotnet build (Join-Path $Root 'src/PromoOnly.Emulator') -c $Configuration --nologo --verbosity quiet
    $urls = if ($EmulatorArgument -contains '--urls') { @() } else { @('--urls', 'http://127.0.0.1:5080') }
    & dotnet $EmulatorDll @urls @EmulatorArgument
    # The emulator exits 1 when its port is taken and 2 on a bad option; say so to the caller too.
    if ($LASTEXITCODE -ne 0) {
        Write-Host "The emulator exited with code $LASTEXITCODE (1: the port is in use, 2: a bad option)." -ForegroundColor Red
        exit $LASTEXITCODE
    }
}

switch ($Task) {
    'Build' { Build-Module }
    'Test' { Test-Module }
    'Demo' { Show-Demo }
    'Emulator' { Start-Emulator }
    'Install' { Install-BuiltModule }
    'Package' { New-Package }
    'Publish' { Publish-Module }
    'Clean' {
        foreach ($dir in @($Out) + (Get-ChildItem (Join-Path $Root 'src'), (Join-Path $Root 'tests'), (Join-Path $Root 'build') -Directory -Recurse -Include bin, obj).FullName) {
            if ($dir -and (Test-Path $dir)) {
                Remove-Item $dir -Recurse -Force
            }
        }
    }
}
