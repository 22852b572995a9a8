# Thousands of tracks, fast and unbreakable: ordered concurrency, retries, timeouts, Ctrl+C, progress.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # Rate faults throttle with Retry-After: 0 here; the throttling tracks test real waits on their own.
    $script:Emulator = Start-TestEmulator -ArgumentList '--fault-rate', '0.2', '--fault-seed', '1', '--fault-retry-after', '0'
    $script:CommandName = 'PromoOnly.Commands.GetPromoDownloadServerCommand'

    # Runs a script in its own runspace of this process (it shares the session), so a test can stop
    # it as Ctrl+C would, read its progress stream, and notice a hang instead of hanging itself.
    # The script sees -Session as $Session.
    function Start-Pipeline([string] $Script, $Session) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("param(`$Session) Import-Module '$ModulePath'; $Script").AddArgument($Session)
        [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
    }

    function Wait-Pipeline($Pipeline, [int] $GuardSeconds = 120) {
        if (-not $Pipeline.Handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($GuardSeconds))) {
            $Pipeline.PowerShell.Stop()
            throw "The pipeline did not finish within $GuardSeconds s."
        }
        $Pipeline.PowerShell.EndInvoke($Pipeline.Handle)
    }

    function Reset-EmulatorCounter {
        Clear-EmulatorStat $Emulator
        Clear-EmulatorRequest $Emulator
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Concurrent lookups under faults' {
    It 'resolves 500 ids through a 20% fault rate, in input order, without duplicates' {
        Reset-EmulatorCounter
        # Ordinary tracks only: the catalogue makes ids ending 00, 13 and 44 empty, 403 and 404.
        $ids = 400001..400700 | Where-Object { ($_ % 100) -notin 0, 13, 44 } | Select-Object -First 500

        # The pattern is fixed by the seed (1, the emulator's default): about 110 faults over these
        # ids, no track hit more than three times in a row, so the default budget of 4 retries holds.
        $servers = $ids | Get-PromoDownloadServer -ThrottleLimit 16 -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        (Get-EmulatorStat $Emulator).injected | Should -BeGreaterThan 50
        $expected = foreach ($id in $ids) { foreach ($n in 1..(1 + $id % 3)) { $id } }
        $servers.TrackId | Should -Be $expected
        ($servers | ForEach-Object { "$($_.TrackId)/$($_.Id)" } | Select-Object -Unique) | Should -HaveCount $servers.Count
    }

    It 'writes results while input is still arriving, holding a bounded number of ids' {
        $state = @{ Produced = 0; ProducedAtFirstOutput = $null }

        $ids = 400001..400400 | Where-Object { ($_ % 100) -notin 0, 13, 44 } | Select-Object -First 100
        & { foreach ($id in $ids) { $state.Produced++; $id } } |
            Get-PromoDownloadServer |
            ForEach-Object { if ($null -eq $state.ProducedAtFirstOutput) { $state.ProducedAtFirstOutput = $state.Produced } }

        # Default throttle 4 buffers at most 32 ids ahead of the output, however long the input.
        $state.ProducedAtFirstOutput | Should -BeLessOrEqual 33
        $state.Produced | Should -Be 100
        $state.ProducedAtFirstOutput | Should -BeGreaterThan 0
    }
}

Describe 'Retries' {
    BeforeEach {
        Reset-EmulatorCounter
    }

    It 'waits out two 429 answers with their Retry-After and succeeds, one Verbose line per retry' {
        $verbose = Get-PromoDownloadServer -TrackId 900012 -Verbose 4>&1
        $servers = $verbose | Where-Object { $_ -is [PromoOnly.DownloadServer] }
        $retries = $verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Track 900012: HTTP 429*' }

        $servers.Host | Should -Be 'dc03.promoonly.com'
        $retries | Should -HaveCount 2
        $retries[0].Message | Should -BeLike '*retry 1 of 4 in 1 s.'
    }

    It 'gives up on an always-503 track after the retry budget with a clear message' {
        $null = Get-PromoDownloadServer -TrackId 900013 -MaxRetryCount 2 -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be "ApiUnavailable,$CommandName"
        "$($failures[0])" | Should -BeLike '*HTTP 503*Gave up after 3 attempts*'
        @(Get-EmulatorRequest $Emulator | Where-Object path -EQ '/download/server/900013') | Should -HaveCount 3
    }

    It 'fails at once when Retry-After asks for longer than the module waits, quoting the wait' {
        $null = Get-PromoDownloadServer -TrackId 900014 -ErrorVariable failures -ErrorAction SilentlyContinue

        "$($failures[0])" | Should -BeLike '*wait 3600 s*'
        @(Get-EmulatorRequest $Emulator | Where-Object path -EQ '/download/server/900014') | Should -HaveCount 1
    }

    It 'honours a Retry-After given as an HTTP date' {
        (Get-PromoDownloadServer -TrackId 900015).Host | Should -Be 'dc03.promoonly.com'
    }

    It 'leaves -ErrorVariable holding exactly the ids that failed' {
        $ids = 337865, 337813, 337801, 337844, 900013, 337802

        $servers = $ids | Get-PromoDownloadServer -MaxRetryCount 1 -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.TargetObject | Should -Be @(337813, 337844, 900013)
        ($servers.TrackId | Select-Object -Unique) | Should -Be @(337865, 337801, 337802)
    }
}

Describe 'Timeouts and Ctrl+C' {
    It 'turns a server that never answers into a timeout error for that track' {
        $run = Start-Pipeline 'Get-PromoDownloadServer -TrackId 900011, 337865 -TimeoutSec 2 -MaxRetryCount 0 -ErrorAction SilentlyContinue -ErrorVariable failures; $failures'
        $output = Wait-Pipeline $run

        $failure = $output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }
        $failure.FullyQualifiedErrorId | Should -Be "ApiTimeout,$CommandName"
        $failure.TargetObject | Should -Be 900011
        "$failure" | Should -BeLike '*within 2 seconds*'
        ($output | Where-Object { $_ -is [PromoOnly.DownloadServer] }) | Should -HaveCount 3
        $run.PowerShell.Dispose()
    }

    It 'stops promptly while requests hang, and cancels every one of them' {
        Reset-EmulatorCounter
        $run = Start-Pipeline '900011, 900011, 900011, 900011 | Get-PromoDownloadServer -TimeoutSec 600'
        # A hanging request is logged only when it ends; the call counter sees it arrive.
        Wait-Until { (Get-EmulatorStat $Emulator).servers -eq 4 } -GuardSeconds 60

        # Stop() is what Ctrl+C does; the guard only catches a hang, it does not time the stop.
        $stopping = $run.PowerShell.BeginStop($null, $null)
        $stopping.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue
        $run.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'

        # The emulator sees all four clients hang up (status 499): nothing keeps running.
        Wait-Until { @(Get-EmulatorRequest $Emulator | Where-Object { $_.path -eq '/download/server/900011' -and $_.status -eq 499 }).Count -eq 4 } -GuardSeconds 60
        $run.PowerShell.Dispose()
    }
}

Describe 'ThrottleLimit' {
    BeforeAll {
        # Every answer takes 200 ms, so requests a client sends together really are in flight together.
        $script:Slow = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--latency-ms', '200'
        $script:SlowSession = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $Slow.BaseUri -DoNotSetDefault -PassThru
        Wait-PoolSync $Slow
    }

    AfterAll {
        Stop-PoolEmulator $Slow
    }

    It 'never has more than <Limit> requests in flight, for <Count> ids' -TestCases @(
        @{ Limit = 3; Count = 30 }
        @{ Limit = 1; Count = 6 }
    ) {
        Clear-EmulatorStat $Slow

        # Some of these ids are not covered (403): those errors are beside the point here.
        $servers = 400001..(400000 + $Count) | Get-PromoDownloadServer -Session $SlowSession -ThrottleLimit $Limit -ErrorAction SilentlyContinue

        $servers | Should -Not -BeNullOrEmpty
        $stats = Get-EmulatorStat $Slow
        $stats.servers | Should -Be $Count
        # Exactly the limit: never more, and (with 200 ms answers) the limit really is used.
        $stats.maxConcurrent | Should -Be $Limit
    }
}

# On a fault-free emulator: progress is about counting and pacing, not about retries.
Describe 'Progress' {
    BeforeAll {
        $script:Clean = Start-PoolEmulator -EmulatorPath $EmulatorPath
        $script:CleanSession = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $Clean.BaseUri -DoNotSetDefault -PassThru
    }

    AfterAll {
        Stop-PoolEmulator $Clean
    }

    It 'shows done of total when the ids come as an argument' {
        $run = Start-Pipeline '$null = Get-PromoDownloadServer -TrackId (400001..400200) -Session $Session' $CleanSession
        $null = Wait-Pipeline $run

        $records = $run.PowerShell.Streams.Progress
        $records | Where-Object StatusDescription -Match '^\d+ of 200 tracks$' | Should -Not -BeNullOrEmpty
        $records | Where-Object RecordType -EQ 'Completed' | Should -HaveCount 1
        $run.PowerShell.Dispose()
    }

    It 'shows done and rate when the ids stream from the pipeline' {
        $run = Start-Pipeline '$null = 400001..400200 | Get-PromoDownloadServer -Session $Session' $CleanSession
        $null = Wait-Pipeline $run

        $run.PowerShell.Streams.Progress | Where-Object StatusDescription -Match '^\d+ tracks, \d+ per second$' | Should -Not -BeNullOrEmpty
        $run.PowerShell.Dispose()
    }

    It 'is quiet for a handful of ids and under SilentlyContinue' {
        $few = Start-Pipeline '$null = Get-PromoDownloadServer -TrackId (400001..400005) -Session $Session' $CleanSession
        $silent = Start-Pipeline '$ProgressPreference = ''SilentlyContinue''; $null = Get-PromoDownloadServer -TrackId (400001..400200) -Session $Session' $CleanSession
        $null = Wait-Pipeline $few
        $null = Wait-Pipeline $silent

        $few.PowerShell.Streams.Progress | Should -BeNullOrEmpty
        $silent.PowerShell.Streams.Progress | Should -BeNullOrEmpty
        $few.PowerShell.Dispose()
        $silent.PowerShell.Dispose()
    }
}
