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
        # build.ps1 prints the failures from the result file, not from this log.
        . (Join-Path $RepoRoot 'build/TestReport.ps1')
        $result = Read-PesterResult -Path (Join-Path $suite 'result.json') -Name 'pester' -Label 'pester' -Log (Join-Path $suite 'out.log')
        $result.Passed | Should -Be 1
        $result.Failed | Should -Be 1
        $result.Failures.Name | Should -Be @('tiny.fails')
        $result.Failures.Detail | Should -BeLike '*Expected 2*'
    }
}

Describe 'Help of <Name>' -ForEach $Commands {
    BeforeAll {
        $command = Get-Command $Name
        $project = (Import-PowerShellDataFile $ModulePath).PrivateData.PSData.ProjectUri
    }

    It 'links -Online to a README section that exists, or nowhere' {
        if ($command.HelpUri) {
            $command.HelpUri | Should -BeLike "$project#*"
            $command.HelpUri.Split('#')[1] | Should -BeIn $Anchors
        }
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

# build.ps1 -Task Test: one line per suite, details only for what failed, repeated before the total.
Describe 'The Test task''s report' {
    BeforeAll {
        . (Join-Path $RepoRoot 'build/TestReport.ps1')
        . (Join-Path $RepoRoot 'build/Coverage.ps1')

        # What the report writes to the console, line by line (Write-Host is the information stream).
        function Get-HostLine([scriptblock] $Script) {
            @(& $Script 6>&1 | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$_" })
        }

        function New-Trx([string] $Path, [int] $Passed, [hashtable[]] $Failed = @()) {
            $results = @(1..$Passed | Where-Object { $Passed } | ForEach-Object { "<UnitTestResult testName=`"Tests.Passes$_`" outcome=`"Passed`" />" })
            $results += $Failed | ForEach-Object {
                "<UnitTestResult testName=`"$($_.Name)`" outcome=`"Failed`"><Output><ErrorInfo><Message>$($_.Message)</Message>" +
                "<StackTrace>   at $($_.Name)() in /src/Tests.cs:line 12`n   at Xunit.Runner()`n   at Xunit.Deeper()`n   at Xunit.Deepest()</StackTrace></ErrorInfo></Output></UnitTestResult>"
            }
            Set-Content -Path $Path -Value @"
<?xml version="1.0" encoding="utf-8"?>
<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <Results>$($results -join "`n")</Results>
  <ResultSummary outcome="Completed"><Counters total="$($Passed + $Failed.Count)" executed="$($Passed + $Failed.Count)" passed="$Passed" failed="$($Failed.Count)" error="0" timeout="0" aborted="0" /></ResultSummary>
</TestRun>
"@
        }
    }

    It 'gives a passing suite one line' {
        New-Trx "$TestDrive/pass.trx" -Passed 600

        $lines = @(Get-HostLine { $null = Write-SuiteResult (Read-TrxResult -Path "$TestDrive/pass.trx" -Name 'xunit' -Label 'xunit (core)') ([timespan]::FromSeconds(41)) })

        $lines | Should -Be @('xunit (core): 600 passed, 0 failed (41 s)')
    }

    It 'shows each failed test under its suite with message and place, and again before the total' {
        New-Trx "$TestDrive/fail.trx" -Passed 598 -Failed @(
            @{ Name = 'Tests.Resume.ContinuesAtTheByteItStopped'; Message = 'Assert.Equal() Failure: Expected 1024, Actual 0' }
            @{ Name = 'Tests.Retry.StopsAfterFive'; Message = 'Expected 5 attempts' }
        )

        $lines = @(Get-HostLine { $script:suite = Write-SuiteResult (Read-TrxResult -Path "$TestDrive/fail.trx" -Name 'xunit' -Label 'xunit (core)') ([timespan]::FromSeconds(40)) })
        $end = @(Get-HostLine { $script:passedRun = Write-TestSummary -Suites @($script:suite) -LogFolder 'out/test-results' })

        $lines[0] | Should -Be 'xunit (core): 598 passed, 2 failed (40 s)'
        $lines | Should -Contain '  [-] Tests.Resume.ContinuesAtTheByteItStopped'
        $lines | Should -Contain '      Assert.Equal() Failure: Expected 1024, Actual 0'
        $lines | Should -Contain '      at Tests.Resume.ContinuesAtTheByteItStopped() in /src/Tests.cs:line 12'
        $lines | Should -Not -Contain '      at Xunit.Deepest()' -Because 'the first lines of a stack say where; the rest is in the log'
        $end[-1] | Should -Be 'total: 598 passed, 2 failed'
        $end | Should -Contain '  xunit: Tests.Retry.StopsAfterFive'
        $end | Should -Contain '      Expected 5 attempts'
        $script:passedRun | Should -BeFalse
    }

    It 'counts the .NET Framework leg''s failed tests and its errors outside any test' {
        Set-Content "$TestDrive/net472.xml" -Value @'
<assemblies><assembly name="PromoOnly.Tests.dll" total="3" passed="2" failed="1" skipped="0" errors="1">
  <errors><error type="test-class-cleanup" name="Tests.Fixture"><failure><message>Dispose threw</message></failure></error></errors>
  <collection><test name="Tests.A" result="Pass" /><test name="Tests.B" result="Pass" />
  <test name="Tests.C" result="Fail"><failure><message>Expected True</message><stack-trace>at Tests.C() in C.cs:line 3</stack-trace></failure></test></collection>
</assembly></assemblies>
'@

        $suite = Read-XunitXmlResult -Path "$TestDrive/net472.xml" -Name 'xunit-net472' -Label 'xunit (net472)'

        $suite.Passed | Should -Be 2
        $suite.Failed | Should -Be 2
        $suite.Failures.Name | Should -Be @('Tests.C', 'test-class-cleanup failure in Tests.Fixture')
        $suite.Failures[0].Detail | Should -Be "Expected True`nat Tests.C() in C.cs:line 3"
    }

    It 'fails a suite that ran no test, and one without results shows the end of its log' {
        Set-Content "$TestDrive/crashed.log" -Value (@(1..30 | ForEach-Object { "line $_" }) + 'The active test run was aborted. Reason: Test host process crashed')

        $lines = @(Get-HostLine {
            New-Trx "$TestDrive/empty.trx" -Passed 0
            $script:empty = Write-SuiteResult (Read-TrxResult -Path "$TestDrive/empty.trx" -Name 'xunit-emulator' -Label 'xunit (emulator)') ([timespan]::Zero)
            $null = Write-SuiteResult (Read-TrxResult -Path "$TestDrive/missing.trx" -Name 'xunit' -Label 'xunit (core)' -Log "$TestDrive/crashed.log") ([timespan]::Zero)
        })

        $script:empty.Failed | Should -Be 1
        $lines | Should -Contain 'xunit (emulator): 0 passed, 1 failed (0 s)'
        $lines | Should -Contain 'xunit (core): 0 passed, 1 failed (0 s)'
        $lines | Should -Contain '      The active test run was aborted. Reason: Test host process crashed'
        $lines | Should -Not -Contain '      line 5'
    }

    It 'prints coverage totals and what README''s list of files under 80 % lacks or holds too many' {
        $null = New-Item -ItemType Directory "$TestDrive/repo/src/PromoOnly/Client" -Force
        Set-Content "$TestDrive/coverage.xml" -Value @"
<coverage><sources><source>$TestDrive/repo/src/PromoOnly/</source></sources><packages><package><classes>
  <class filename="Client/Covered.cs"><lines><line number="1" hits="3" /><line number="2" hits="1" branch="True" condition-coverage="50% (1/2)" /></lines></class>
  <class filename="Client/Half.cs"><lines><line number="1" hits="1" /><line number="2" hits="0" /></lines></class>
  <class filename="Client/Half.cs"><lines><line number="2" hits="0" /><line number="3" hits="2" branch="True" condition-coverage="100% (2/2)" /><line number="4" hits="0" /></lines></class>
</classes></package></packages></coverage>
"@
        Set-Content "$TestDrive/README.md" -Value "# x`n`n### Coverage`n`n| File | Why |`n| --- | --- |`n| ``src/PromoOnly/Client/Covered.cs`` | stale |`n`n## Layout"

        $lines = @(Get-HostLine { Write-CoverageSummary -Report "$TestDrive/coverage.xml" -Root "$TestDrive/repo" -Readme "$TestDrive/README.md" })

        # Covered.cs: 2 of 2 lines, 1 of 2 branches; Half.cs: 2 of 4 lines (line 2 counted once), 2 of 2 branches.
        $lines | Should -HaveCount 1
        $lines[0] | Should -BeLike 'coverage (core, net8.0 build): 66.7 % of lines (4/6), 75.0 % of branches (3/4); *'
        $lines[0] | Should -BeLike '*add src/PromoOnly/Client/Half.cs;*remove src/PromoOnly/Client/Covered.cs'
        Get-Content "$TestDrive/coverage.txt" | Should -Contain ('{0,-56} {1,8} {2,12} {3,9} {4,12}' -f 'src/PromoOnly/Client/Half.cs', '50.0 %', '2/4', '100.0 %', '2/2')
    }
}
