# The developer-facing promises of README: every build task documented, -Task Emulator failing
# loudly on a taken port, test logs without ANSI colour codes when they are not a terminal, and
# help whose -Online links and default values do not mislead.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $ast = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $RepoRoot 'build.ps1'), [ref] $null, [ref] $null)
    $taskParameter = $ast.ParamBlock.Parameters | Where-Object { $_.Name.VariablePath.UserPath -eq 'Task' }
    $validateSet = $taskParameter.Attributes | Where-Object { $_.TypeName.Name -eq 'ValidateSet' }
    $script:Tasks = @($validateSet.PositionalArguments.Value | ForEach-Object { @{ Task = $_ } })
    Import-Module $ModulePath -Force
    $script:Commands = @(Get-Command -Module PromoOnly | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModulePath -Force
    $script:Readme = Get-Content (Join-Path $RepoRoot 'README.md') -Raw

    # GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.
    $script:Anchors = [regex]::Matches($Readme, '(?m)^#{1,6}\s+(.+?)\s*$') | ForEach-Object {
        ($_.Groups[1].Value.ToLowerInvariant() -replace '[^\p{L}\p{Nd}\s_-]', '') -replace '\s', '-'
    }
}

Describe 'README and build.ps1' {
    It 'lists and explains the <Task> task' -ForEach $Tasks {
        $Readme | Should -Match "-Task <[^>]*\b$Task\b[^>]*>" -Because 'the task list in "Building and testing" names every task'
        $Readme | Should -Match "\*\*$Task\b" -Because "a bullet explains what -Task $Task does"
    }

    It 'says that dotnet pwsh runs from the repository folder' {
        $Readme | Should -Match 'from the repository folder'
    }

    It 'fails -Task Emulator with a non-zero exit code when the port is taken' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $command = "& '$(Join-Path $RepoRoot 'build.ps1')' -Task Emulator -EmulatorArgument '--urls', 'http://127.0.0.1:$port'"

            { Invoke-FreshPwsh -Script $command -WorkingDirectory $RepoRoot -GuardSeconds 300 } |
                Should -Throw -ExpectedMessage '*exit code 1*port is in use*'
        }
        finally {
            $listener.Stop()
        }
    }
}

Describe 'Test logs' {
    It 'carry no ANSI colour codes when the output is redirected' {
        $suite = Join-Path $TestDrive 'suite'
        $null = New-Item -ItemType Directory -Path $suite -Force
        Set-Content (Join-Path $suite 'Tiny.Tests.ps1') -Value @(
            "Describe 'tiny' { It 'passes' { 1 | Should -Be 1 }; It 'fails' { 1 | Should -Be 2 } }"
        )
        $pester = (Get-Module Pester).Path
        $log = Join-Path $suite 'out.log'
        [string[]] $pwsh = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
        $arguments = $pwsh + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $RepoRoot 'tests/Pester/Invoke-PesterSuite.ps1'),
            '-PesterPath', $pester, '-TestPath', $suite, '-ResultPath', (Join-Path $suite 'result.json'))

        # Standard output to a file, as CI and `build.ps1 > log` do; the suite exits 1 (one test fails on
        # purpose). Without NO_COLOR or CI, so the redirection alone must be enough.
        $saved = $env:NO_COLOR, $env:CI
        try {
            $env:NO_COLOR = $null
            $env:CI = $null
            $process = Start-Process -FilePath ([Environment]::ProcessPath) -ArgumentList $arguments -RedirectStandardOutput $log `
                -RedirectStandardError (Join-Path $suite 'err.log') -NoNewWindow -PassThru
        }
        finally {
            $env:NO_COLOR, $env:CI = $saved
        }
        $process.WaitForExit(300000) | Should -BeTrue
        $log = Get-Content $log -Raw

        $log | Should -Match 'passes'
        $log | Should -Match 'Expected 2'
        $log | Should -Not -Match "`e\["
    }
}

Describe 'Help of <Name>' -ForEach $Commands {
    BeforeAll {
        $command = Get-Command $Name
        $project = (Import-PowerShellDataFile $ModulePath).PrivateData.PSData.ProjectUri
    }

    It 'links -Online to a README section that exists' {
        $command.HelpUri | Should -Not -BeNullOrEmpty -Because 'Get-Help -Online fails for a cmdlet without a HelpUri'
        $command.HelpUri | Should -BeLike "$project#*"
        $command.HelpUri.Split('#')[1] | Should -BeIn $Anchors
    }

    It 'opens its HelpUri with Get-Help -Online, not a related link' {
        # A stand-in browser: .NET opens a URL on Unix through the first xdg-open on PATH.
        $bin = Join-Path $TestDrive "browser-$Name"
        $opened = Join-Path $bin 'opened.txt'
        $null = New-Item -ItemType Directory -Path $bin -Force
        Set-Content -Path (Join-Path $bin 'xdg-open') -Value "#!/bin/sh`nprintf '%s' `"`$1`" > '$opened'"
        & chmod +x (Join-Path $bin 'xdg-open')

        $null = Invoke-FreshPwsh -Script "Import-Module '$ModulePath'; Get-Help $Name -Online" -Environment @{ PATH = "$bin$([IO.Path]::PathSeparator)$env:PATH" }

        Get-Content $opened -Raw | Should -BeExactly $command.HelpUri
    }

    It 'shows each optional parameter''s starting value as its default' {
        foreach ($parameter in $command.Parameters.Values | Where-Object { $_.ParameterType -ne [switch] }) {
            $property = $command.ImplementingType.GetProperty($parameter.Name)
            if (-not $property) { continue }
            $instance = [Activator]::CreateInstance($command.ImplementingType)
            $initial = $property.GetValue($instance)
            if ($initial -is [int] -and $initial -ne 0) {
                (Get-Help $Name -Parameter $parameter.Name).defaultValue | Should -Be "$initial"
            }
        }
    }
}

Describe 'Defaults that live outside the code' {
    It 'shows where -ApiBaseUri comes from' {
        (Get-Help Connect-PromoOnly -Parameter ApiBaseUri).defaultValue | Should -Match 'PROMOONLY_API_BASE_URI.*https://api\.promoonly\.com'
    }

    It 'shows that -Session defaults to the default session' {
        (Get-Help Get-PromoDownloadServer -Parameter Session).defaultValue | Should -Match 'default session'
    }
}
