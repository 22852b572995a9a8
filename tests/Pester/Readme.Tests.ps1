# README.md cannot drift from the module: every ```powershell block is marked on the line before
# it, and the blocks marked `<!-- readme-test: run -->` run here, each in a fresh pwsh, against an
# emulator. To add an example to README, mark it `run` (and make it work offline with the setup
# below), `run, compare-output` to compare the ```output block that follows it as well, or
# `skip (reason)` when it cannot run offline (it installs, prompts, or runs forever).
#
# What a running block finds:
# - the built module in PSModulePath, and a default session for user 1 (the contract's example
#   token) unless the block calls Connect-PromoOnly itself;
# - a working folder, also $HOME (so ~ stays inside it), with tracks.csv and crate.csv (TrackId,
#   Artist, Title of mirror tracks 950001-950003 and 123401), weekly-crate.csv (downloadable tracks
#   123401 and 123402) and ids.txt (ids with a blank line);
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
        $rows = @(
            [pscustomobject]@{ TrackId = 950001; Artist = 'Near Artist'; Title = 'Near Title' }
            [pscustomobject]@{ TrackId = 950002; Artist = 'Far Artist'; Title = 'Far Title' }
            [pscustomobject]@{ TrackId = 950003; Artist = 'Third Artist'; Title = 'Third Title' }
        )
        $rows | Export-Csv (Join-Path $work 'tracks.csv') -NoTypeInformation
        ($rows + [pscustomobject]@{ TrackId = 123401; Artist = 'Catalogue'; Title = 'Three mirrors' }) |
            Export-Csv (Join-Path $work 'crate.csv') -NoTypeInformation
        Set-Content (Join-Path $work 'ids.txt') -Value @('950001', '', '123402')
        # Tracks the emulator's download queue serves from its loopback media hosts.
        @(
            [pscustomobject]@{ TrackId = 123401; Artist = 'Catalogue'; Title = 'Three mirrors' }
            [pscustomobject]@{ TrackId = 123402; Artist = 'Catalogue'; Title = 'One mirror' }
        ) | Export-Csv (Join-Path $work 'weekly-crate.csv') -NoTypeInformation

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
