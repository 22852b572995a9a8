# README.md cannot drift from the module: every ```powershell block is marked on the line before
# it, and the blocks marked `<!-- readme-test: run -->` run here, each in a fresh pwsh, against an
# emulator. To add an example to README, mark it `run` (and make it work offline with the setup
# below), `run, compare-output` to compare the ```output block that follows it as well, or
# `skip (reason)` when it cannot run offline (it installs, prompts, or runs forever).
#
# What a running block finds:
# - the built module in PSModulePath, and a default session for user 1 (the contract's example
#   token) unless the block calls Connect-PromoOnly itself;
# - a working folder, also $HOME (so ~ stays inside it), holding a copy of the repository's
#   examples/ folder, so the sample CSVs that README's blocks read are tested as shipped;
# - Get-Secret returning the emulator's credentials for PoolApi, Pool2Api (PSCredential) and
#   PoolToken (SecureString), standing in for a SecretManagement vault;
# - http://127.0.0.1:5080 and ./out/PromoOnly replaced by the test emulator and the module under
#   test, and every non-loopback request sent to a proxy that refuses, so nothing leaves the machine.
# A block fails on a terminating error, on any error it lets through to the error stream, or,
# with compare-output, when its formatted output differs from README's.
BeforeDiscovery {
    $readmePath = Join-Path $PSScriptRoot '../../README.md'
    $lines = Get-Content $readmePath
    $script:Blocks = for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -notmatch '^```powershell\s*$') { continue }
        $start = $i + 1
        $end = $start
        while ($end -lt $lines.Count -and $lines[$end] -notmatch '^```\s*$') { $end++ }
        $marker = if ($i -gt 0 -and $lines[$i - 1] -match '^<!--\s*readme-test:\s*(.+?)\s*-->\s*$') { $Matches[1] } else { $null }
        # The ```output block right after this one, if any (blank lines between are allowed).
        $next = $end + 1
        while ($next -lt $lines.Count -and $lines[$next] -match '^\s*$') { $next++ }
        $expected = $null
        if ($next -lt $lines.Count -and $lines[$next] -match '^```output\s*$') {
            $stop = $next + 1
            while ($stop -lt $lines.Count -and $lines[$stop] -notmatch '^```\s*$') { $stop++ }
            $expected = ($lines[($next + 1)..($stop - 1)] -join "`n")
        }
        @{
            Line     = $i + 1
            Marker   = $marker
            Code     = ($lines[$start..($end - 1)] -join "`n")
            Expected = $expected
            Run      = $marker -match '^run\b'
            Compare  = $marker -match '^run,\s*compare-output\b'
        }
        $i = $end
    }
    $script:Runnable = @($Blocks | Where-Object Run)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--mirror', 'near=5', '--mirror', 'far=40', '--dead-mirror', 'refuses'
    $mirrors = Invoke-RestMethod ([uri]::new($Emulator.BaseUri, '_emulator/mirrors'))
    $script:DeadPort = ($mirrors | Where-Object dead).host
    $script:ModuleFolder = Split-Path $ModulePath
    $script:BaseUri = $Emulator.BaseUri.AbsoluteUri.TrimEnd('/')

    # Runs before each block in its fresh pwsh.
    $script:Prelude = @'
$ErrorActionPreference = 'Continue'
function Get-Secret([Parameter(Mandatory, Position = 0)] [string] $Name) {
    $secret = { param($text) ConvertTo-SecureString $text -AsPlainText -Force }
    switch ($Name) {
        'PoolApi' { [pscredential]::new('demo-api-key', (& $secret 'demo-api-secret')) }
        'Pool2Api' { [pscredential]::new('second-api-key', (& $secret 'second-api-secret')) }
        'PoolToken' { & $secret '8b26e1e4f3f5e00a888807e605565c47' }
        default { throw "No secret named $Name in the README test vault." }
    }
}
'@
}

AfterAll {
    Stop-PoolEmulator $Emulator
}

Describe 'README.md code blocks' {
    It 'marks every powershell block on line <Line> as run or skip (with a reason)' -ForEach $Blocks {
        $Marker | Should -Match '^(run(,\s*compare-output)?|skip \(.+\))$' -Because "README.md line ${Line}: put <!-- readme-test: run --> or <!-- readme-test: skip (why) --> on the line before the block"
    }

    It 'finds runnable blocks' -ForEach @{ Count = $Runnable.Count } {
        $Count | Should -BeGreaterOrEqual 5
    }
}

Describe 'README.md block on line <Line>' -ForEach $Runnable {
    BeforeAll {
        $work = Join-Path $TestDrive "readme-$Line"
        $null = New-Item -ItemType Directory -Path $work -Force
        Copy-Item (Join-Path $RepoRoot 'examples') $work -Recurse

        $code = $Code.Replace('http://127.0.0.1:5080', $BaseUri).Replace('./out/PromoOnly', $ModuleFolder)
        $connect = if ($code -match 'Connect-PromoOnly') { '' } else {
            "Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString 8b26e1e4f3f5e00a888807e605565c47 -AsPlainText -Force)`n"
        }
        # The block's own output, formatted as the console would show it, between two markers.
        $script_ = "$Prelude`n$connect'<<<README-OUTPUT'`n& {`n$code`n} | Out-String -Width 120 -Stream`n'README-OUTPUT>>>'"
        $environment = @{
            PROMOONLY_API_BASE_URI = $BaseUri
            PSModulePath           = "$(Split-Path $ModuleFolder)$([IO.Path]::PathSeparator)$env:PSModulePath"
            HTTP_PROXY             = "http://$DeadPort"
            HTTPS_PROXY            = "http://$DeadPort"
            NO_PROXY               = '127.0.0.1,localhost'
            NO_COLOR               = '1'
            HOME                   = $work   # ~/Music/Pool and the like stay inside the test folder
        }
        $script:Failure = $null
        $errorText = $null
        $script:Output = try { Invoke-FreshPwsh -Script $script_ -Environment $environment -WorkingDirectory $work -ErrorOutput ([ref] $errorText) }
        catch { $script:Failure = $_; $null }
        $script:ErrorText = $errorText
    }

    It 'runs without an error' {
        $Failure | Should -BeNullOrEmpty
        $ErrorText | Should -BeNullOrEmpty
    }

    if ($Compare) {
        It 'shows the output README shows' {
            $between = [regex]::Match($Output, '(?s)<<<README-OUTPUT\r?\n(.*?)README-OUTPUT>>>').Groups[1].Value
            $actual = (($between -split '\r?\n') | ForEach-Object TrimEnd | Where-Object { $_ }) -join "`n"
            $wanted = (($Expected -split '\r?\n') | ForEach-Object TrimEnd | Where-Object { $_ }) -join "`n"
            $actual | Should -BeExactly $wanted
        }
    }
}

# Issue 17.11: a newcomer's first hour. After the two set-up commands, README's first section is a
# short offline walk through the DJ workflow, and every file it reads ships with the repository.
Describe 'README.md for a newcomer' {
    BeforeAll {
        $script:Text = Get-Content (Join-Path $RepoRoot 'README.md') -Raw
        $script:FirstBlock = [regex]::Match($Text, '(?s)```powershell\r?\n(.*?)```').Groups[1].Value
        $script:TryIt = [regex]::Match($Text, '(?ms)^## Try it offline in five minutes\s*$(.*?)(?=^## )').Groups[1].Value
        $script:TryItBlocks = [regex]::Matches($TryIt, '(?s)(<!--[^\n]*-->)\r?\n```powershell\r?\n(.*?)```') |
            ForEach-Object { [pscustomobject]@{ Marker = $_.Groups[1].Value; Code = $_.Groups[2].Value } }
    }

    It 'opens with the two set-up commands, Demo then Test' {
        $FirstBlock | Should -Match '(?m)^dotnet tool restore; dotnet pwsh \./build\.ps1 -Task Demo\b'
        $FirstBlock | Should -Match '(?m)^dotnet tool restore; dotnet pwsh \./build\.ps1 -Task Test\b'
    }

    It 'puts "Try it offline in five minutes" first, before the live service' {
        [regex]::Match($Text, '(?m)^## .*$').Value.Trim() | Should -Be '## Try it offline in five minutes'
        $TryIt.Split("`n").Count | Should -BeLessThan 80 -Because 'five minutes is a short read'
    }

    It 'walks from the emulator to connecting, this week''s releases, a search, saving, a re-run and the history' {
        $code = ($TryItBlocks.Code -join "`n")
        $steps = 'build\.ps1 -Task Emulator', 'Connect-PromoOnly', 'Get-PromoRelease -Since', 'Find-PromoTrack',
            'Import-Csv examples/\S+\.csv \| Save-PromoTrack', 'Save-PromoTrack[^\n]*\n[^\n]*Save-PromoTrack', 'Get-PromoDownloadHistory'
        $at = -1
        foreach ($step in $steps) {
            $match = [regex]::Match($code, $step)
            $match.Success | Should -BeTrue -Because "the walk-through has a step matching '$step'"
            $match.Index | Should -BeGreaterThan $at -Because "'$step' comes after the step before it"
            $at = $match.Index
        }
    }

    It 'runs every block of it except the one that starts the emulator' {
        $TryItBlocks | Should -Not -BeNullOrEmpty
        foreach ($block in $TryItBlocks | Where-Object Code -NotMatch '-Task Emulator') {
            $block.Marker | Should -Match 'readme-test: run' -Because "this block is part of the walk-through:`n$($block.Code)"
        }
    }

    It 'ships every CSV that a runnable block reads, under examples/' {
        $runnable = [regex]::Matches($Text, '(?s)<!--\s*readme-test:\s*run\b[^\n]*-->\r?\n```powershell\r?\n(.*?)```') | ForEach-Object { $_.Groups[1].Value }
        $read = @([regex]::Matches(($runnable -join "`n"), 'Import-Csv\s+(\S+\.csv)') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique)
        $read | Should -Not -BeNullOrEmpty
        foreach ($file in $read) {
            $file | Should -Match '^examples/'
            Join-Path $RepoRoot $file | Should -Exist
            @(Import-Csv (Join-Path $RepoRoot $file)).TrackId | Should -Not -BeNullOrEmpty -Because "$file binds by its TrackId column"
        }
    }
}
