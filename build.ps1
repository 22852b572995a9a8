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
$ModuleProject = Join-Path $Root 'src/PromoOnly/PromoOnly.csproj'
$EmulatorDll = Join-Path $Root "src/PromoOnly.Emulator/bin/$Configuration/net10.0/PromoOnly.Emulator.dll"
$PesterVersion = '5.7.1'
. (Join-Path $Root 'build/TestReport.ps1')
. (Join-Path $Root 'build/Coverage.ps1')
# What each build of src/PromoOnly ships, under out/PromoOnly/bin/<framework>.
$ModuleBuilds = [ordered]@{
    'netstandard2.0' = 'PromoOnly.dll', 'Newtonsoft.Json.dll'
    'net8.0'         = , 'PromoOnly.dll'
}

# dotnet's output is shown only when it fails (a build's success summary is noise in a test log).
function Invoke-Dotnet {
    $output = & dotnet @args 2>&1
    if ($LASTEXITCODE -ne 0) {
        $output | Out-Host
        throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE."
    }
}

# The same PowerShell that runs this script, as a fresh process (dotnet tool or installed pwsh).
# With -LogPath, everything it writes goes to that file instead of the console.
function Invoke-ChildPwsh {
    param([string[]] $ArgumentList, [string] $LogPath)
    $host_ = [Environment]::ProcessPath
    [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
    if ($LogPath) {
        & $host_ @prefix -NoProfile -NonInteractive @ArgumentList *> $LogPath
    }
    else {
        & $host_ @prefix -NoProfile -NonInteractive @ArgumentList | Out-Host
    }
    $LASTEXITCODE
}

# Builds the solution (or only the module's project: Install, Package and Publish need nothing else)
# and assembles out/PromoOnly.
function Build-Module([string] $Project = (Join-Path $Root 'PromoOnly.PowerShell.sln')) {
    Write-Host "Building PromoOnly $Version ($Configuration)" -ForegroundColor Cyan
    Invoke-Dotnet build $Project -c $Configuration "-p:Version=$Version" --nologo --verbosity quiet

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

# Every suite, one line each (README, "Building and testing"; build/TestReport.ps1 says how). The
# suites' own output, every test by name, stays in out/test-results/<suite>.log beside their results.
function Test-Module {
    Build-Module
    if (Test-Path $ResultsDir) {
        Remove-Item $ResultsDir -Recurse -Force
    }
    $null = New-Item -ItemType Directory -Path $ResultsDir

    $suites = @(
        Invoke-XunitSuite -Name 'xunit' -Label 'xunit (core, net8.0 build on .NET 10)' -Project 'tests/PromoOnly.Tests/PromoOnly.Tests.csproj' -Coverage
        Invoke-XunitSuite -Name 'xunit-emulator' -Label 'xunit (emulator)' -Project 'tests/PromoOnly.Emulator.Tests/PromoOnly.Emulator.Tests.csproj'
        Test-DesktopLeg
        Invoke-PesterTests
    )
    if (-not (Write-TestSummary -Suites $suites -LogFolder ([IO.Path]::GetRelativePath($Root, $ResultsDir)))) {
        exit 1
    }
}

function Invoke-XunitSuite([string] $Name, [string] $Label, [string] $Project, [switch] $Coverage) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $log = Join-Path $ResultsDir "$Name.log"
    $arguments = @('test', (Join-Path $Root $Project), '-c', $Configuration, '--no-build', '--nologo',
        '--logger', "trx;LogFileName=$Name.trx", '--logger', 'console;verbosity=normal', '--results-directory', $ResultsDir)
    if ($Coverage) {
        $arguments += '--collect', 'XPlat Code Coverage', '--settings', (Join-Path $Root 'tests/coverage.runsettings')
    }
    & dotnet @arguments *> $log
    $suite = Write-SuiteResult (Read-TrxResult -Path (Join-Path $ResultsDir "$Name.trx") -Name $Name -Label $Label -Log $log) $clock.Elapsed
    if ($Coverage) {
        $report = Move-CoverageReport -ResultsDir $ResultsDir
        if ($report) {
            Write-CoverageSummary -Report $report -Root $Root
        }
        else {
            Write-Host "coverage: no report; see $([IO.Path]::GetRelativePath($Root, $log))" -ForegroundColor Red
        }
    }
    $suite
}

# The core's xunit tests built for net472 against the netstandard2.0 build and run on Mono: a proxy
# for the .NET Framework under Windows PowerShell 5.1, not Windows PowerShell itself. Always
# compiled, so a test that only builds on .NET (Core) is caught everywhere; run where Mono is
# installed (.ci/run installs it).
function Test-DesktopLeg {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $name = 'xunit-net472'
    $label = 'xunit (core, netstandard2.0 build on .NET Framework 4.7.2 under Mono)'
    $project = Join-Path $Root 'tests/PromoOnly.Tests.Desktop/PromoOnly.Tests.Desktop.csproj'
    Invoke-Dotnet build $project -c $Configuration "-p:Version=$Version" --nologo --verbosity quiet

    $mono = Get-Command mono -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    $facades = '/usr/lib/mono/4.5/Facades/netstandard.dll'
    $reason = if (-not $mono) { 'mono is not installed' } elseif (-not (Test-Path $facades)) { "Mono has no $facades" }
    if ($reason) {
        $reason += ' (Debian: apt-get install mono-devel)'
        if ($env:CI -eq 'true') {
            throw "The .NET Framework test leg cannot run: $reason. .ci/run installs it; CI must not skip it."
        }
        Write-Host "$($label): SKIPPED, $reason" -ForegroundColor Yellow
        $skipped = New-SuiteResult -Name $name -Label $label -Passed 0 -Failed 0
        $skipped.Skipped = $true
        return $skipped
    }

    # The runner the project restored (its PackageReference pins the version).
    $pinned = ([xml](Get-Content $project -Raw)).SelectSingleNode("//PackageReference[@Include='xunit.runner.console']").Version
    $runner = Join-Path (Get-NuGetPackagesPath) "xunit.runner.console/$pinned/tools/net472/xunit.console.exe"
    $tests = Join-Path $Root "tests/PromoOnly.Tests.Desktop/bin/$Configuration/net472/PromoOnly.Tests.dll"
    $xml = Join-Path $ResultsDir "$name.xml"
    $log = Join-Path $ResultsDir "$name.log"
    # -noappdomain: on Mono, unloading the test AppDomain at the end sometimes hung for good (thread
    # aborts of socket threads; about one run in 30 under load, none in 100 without the AppDomain).
    # The leg takes seconds; a runner that still hangs must fail the build, not hold CI until its limit.
    $process = Start-Process -FilePath $mono.Source -ArgumentList "`"$runner`"", "`"$tests`"", '-noshadow', '-noappdomain', '-nologo', '-verbose', '-xml', "`"$xml`"" `
        -NoNewWindow -PassThru -RedirectStandardOutput $log -RedirectStandardError "$log.stderr"
    if (-not $process.WaitForExit(300000)) {
        $process.Kill($true)
        $hung = New-Failure 'the runner was still going after 5 minutes and was stopped' "The last test it started is near the end of $([IO.Path]::GetRelativePath($Root, $log))."
        return Write-SuiteResult (New-SuiteResult -Name $name -Label $label -Passed 0 -Failed 1 -Failures $hung -Log $log) $clock.Elapsed
    }
    Get-Content "$log.stderr" | Add-Content $log
    Remove-Item "$log.stderr"
    Write-SuiteResult (Read-XunitXmlResult -Path $xml -Name $name -Label $label -Log $log) $clock.Elapsed
}

# The built module against the emulator, in a fresh pwsh; its Detailed output goes to pester.log.
function Invoke-PesterTests {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $label = "pester (net8.0 build in PowerShell $($PSVersionTable.PSVersion))"
    $json = Join-Path $ResultsDir 'pester.json'
    $log = Join-Path $ResultsDir 'pester.log'
    $env:PROMOONLY_TEST_MODULE = Join-Path $ModuleOut 'PromoOnly.psd1'
    $env:PROMOONLY_TEST_EMULATOR = $EmulatorDll
    $null = Invoke-ChildPwsh -LogPath $log -ArgumentList @('-File', (Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1'),
        '-PesterPath', (Get-PesterPath), '-TestPath', (Join-Path $Root 'tests/Pester'), '-ResultPath', $json)
    $suite = Read-PesterResult -Path $json -Name 'pester' -Label $label -Log $log
    Write-SuiteResult $suite $clock.Elapsed
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
    Build-Module -Project $ModuleProject
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
    Build-Module -Project $ModuleProject
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
    Build-Module -Project $ModuleProject
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
