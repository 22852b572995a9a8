# How build.ps1 -Task Test reports: one line per suite, the failures of a failing suite under its
# line, and every failure again just before the closing total, where a log's tail keeps it. The
# suites' own output stays in their log files. Dot-sourced by build.ps1; runs no test itself.

# One suite's outcome. Failures hold Name and Detail (message and place, a few lines).
function New-SuiteResult([string] $Name, [string] $Label, [int] $Passed, [int] $Failed, [object[]] $Failures = @(), [string] $Log) {
    [pscustomobject]@{
        Name     = $Name
        Label    = $Label
        Passed   = $Passed
        Failed   = $Failed
        Failures = @($Failures | Where-Object { $_ })
        Log      = $Log
        Skipped  = $false
        Seconds  = 0
    }
}

function New-Failure([string] $Name, [string[]] $Detail) {
    $lines = @($Detail | Where-Object { $_ } | ForEach-Object { $_ -split "`r?`n" } | Where-Object { $_.Trim() } | Select-Object -First 12)
    [pscustomobject]@{ Name = $Name; Detail = ($lines | ForEach-Object { $_.Trim() }) -join "`n" }
}

# A Visual Studio test results file (dotnet test --logger trx).
function Read-TrxResult([string] $Path, [string] $Name, [string] $Label, [string] $Log) {
    if (-not (Test-Path $Path)) {
        return New-SuiteResult -Name $Name -Label $Label -Passed 0 -Failed 1 -Log $Log
    }
    $xml = [xml](Get-Content $Path -Raw)
    $ns = [Xml.XmlNamespaceManager]::new($xml.NameTable)
    $ns.AddNamespace('t', 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010')
    $counters = $xml.SelectSingleNode('//t:ResultSummary/t:Counters', $ns)
    $failures = foreach ($result in $xml.SelectNodes("//t:UnitTestResult[@outcome='Failed']", $ns)) {
        $message = $result.SelectSingleNode('t:Output/t:ErrorInfo/t:Message', $ns)
        $stack = $result.SelectSingleNode('t:Output/t:ErrorInfo/t:StackTrace', $ns)
        New-Failure $result.GetAttribute('testName') @(
            $(if ($message) { $message.InnerText })
            $(if ($stack) { $stack.InnerText -split "`n" | Select-Object -First 3 })
        )
    }
    $failed = 0
    foreach ($counter in 'failed', 'error', 'timeout', 'aborted') {
        $failed += [int]$counters.GetAttribute($counter)
    }
    New-SuiteResult -Name $Name -Label $Label -Passed ([int]$counters.GetAttribute('passed')) -Failed $failed -Failures $failures -Log $Log
}

# An xunit v2 XML results file (xunit.console -xml), as the .NET Framework leg writes it.
function Read-XunitXmlResult([string] $Path, [string] $Name, [string] $Label, [string] $Log) {
    if (-not (Test-Path $Path)) {
        return New-SuiteResult -Name $Name -Label $Label -Passed 0 -Failed 1 -Log $Log
    }
    $xml = [xml](Get-Content $Path -Raw)
    $failures = @(
        foreach ($test in $xml.SelectNodes("//test[@result='Fail']")) {
            New-Failure $test.GetAttribute('name') @(
                "$($test.SelectSingleNode('failure/message').InnerText)"
                ("$($test.SelectSingleNode('failure/stack-trace').InnerText)" -split "`n" | Select-Object -First 3)
            )
        }
        # Failures outside any one test: a fixture, a collection, the runner itself.
        foreach ($error_ in $xml.SelectNodes('//errors/error')) {
            New-Failure "$($error_.GetAttribute('type')) failure in $($error_.GetAttribute('name'))" "$($error_.SelectSingleNode('failure/message').InnerText)"
        }
    )
    $passed, $failed = 0, 0
    foreach ($assembly in $xml.SelectNodes('//assembly')) {
        $passed += [int]$assembly.GetAttribute('passed')
        $failed += [int]$assembly.GetAttribute('failed') + [int]$assembly.GetAttribute('errors')
    }
    New-SuiteResult -Name $Name -Label $Label -Passed $passed -Failed $failed -Failures $failures -Log $Log
}

# The counts and failures tests/Pester/Invoke-PesterSuite.ps1 writes (failed blocks and containers
# count as failures there, since a broken BeforeAll fails no single test).
function Read-PesterResult([string] $Path, [string] $Name, [string] $Label, [string] $Log) {
    if (-not (Test-Path $Path)) {
        return New-SuiteResult -Name $Name -Label $Label -Passed 0 -Failed 1 -Log $Log
    }
    $result = Get-Content $Path -Raw | ConvertFrom-Json
    $failures = foreach ($failure in @($result.Failures)) { if ($failure) { New-Failure $failure.Name $failure.Detail } }
    New-SuiteResult -Name $Name -Label $Label -Passed $result.Passed -Failed $result.Failed -Failures $failures -Log $Log
}

# The suite's line, and what failed in it. A suite that ran no test failed; one that failed without
# naming a test (no results file: a crash, a hang, a build error) shows the end of its log instead.
function Write-SuiteResult([Parameter(Mandatory)] $Suite, [TimeSpan] $Elapsed) {
    $Suite.Seconds = [int]$Elapsed.TotalSeconds
    if ($Suite.Passed -eq 0 -and $Suite.Failed -eq 0 -and -not $Suite.Skipped) {
        $Suite.Failed = 1
    }
    if ($Suite.Failed -gt 0 -and $Suite.Failures.Count -eq 0 -and $Suite.Log -and (Test-Path $Suite.Log)) {
        $Suite.Failures = @(New-Failure 'no test named: the end of its log' (Get-Content $Suite.Log -Tail 10))
    }
    $colour = if ($Suite.Failed -gt 0) { 'Red' } else { 'Green' }
    Write-Host "$($Suite.Label): $($Suite.Passed) passed, $($Suite.Failed) failed ($($Suite.Seconds) s)" -ForegroundColor $colour
    foreach ($failure in $Suite.Failures) {
        Write-Host "  [-] $($failure.Name)" -ForegroundColor Red
        foreach ($line in $failure.Detail -split "`n" | Where-Object { $_ }) {
            Write-Host "      $line"
        }
    }
    $Suite
}

# Every failure once more, by suite, with its first line of detail, then the total. Returns
# whether the run passed.
function Write-TestSummary([Parameter(Mandatory)] [object[]] $Suites, [string] $LogFolder) {
    $failures = @(foreach ($suite in $Suites) { foreach ($failure in $suite.Failures) { [pscustomobject]@{ Suite = $suite.Name; Failure = $failure } } })
    if ($failures.Count -gt 0) {
        Write-Host ''
        Write-Host "Failed ($($failures.Count)); the suites' logs are in $($LogFolder):" -ForegroundColor Red
        foreach ($entry in $failures) {
            Write-Host "  $($entry.Suite): $($entry.Failure.Name)"
            $first = @($entry.Failure.Detail -split "`n" | Where-Object { $_.Trim() }) | Select-Object -First 1
            if ($first) {
                Write-Host "      $($first.Trim())"
            }
        }
    }
    $ran = @($Suites | Where-Object { -not $_.Skipped })
    $passed = [int]($ran | Measure-Object Passed -Sum).Sum
    $failed = [int]($ran | Measure-Object Failed -Sum).Sum
    Write-Host "total: $passed passed, $failed failed"
    $failed -eq 0
}
