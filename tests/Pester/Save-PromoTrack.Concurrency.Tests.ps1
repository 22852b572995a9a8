# Save-PromoTrack at full speed (issue 11): the shared ordered pipeline, progress, Ctrl+C and memory.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator

    function New-Folder([string] $Name) {
        (New-Item -ItemType Directory -Path (Join-Path $TestDrive $Name) -Force).FullName
    }

    function Get-Expected([long] $TrackId) {
        Invoke-RestMethod ([uri]::new($Emulator.BaseUri, "_emulator/media/$TrackId"))
    }

    # Runs Save-PromoTrack in a runspace of this process (it shares the default session), so a test
    # can read its progress stream or stop it as Ctrl+C would.
    function Start-SaveRunspace([string] $Arguments) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$ModulePath'; `$ProgressPreference = 'Continue'; Save-PromoTrack $Arguments")
        [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
    }

    # Waits for a Start-SaveRunspace run to end and disposes of it: its output and progress records;
    # it must have written no error.
    function Complete-SaveRunspace($Run) {
        $output = $Run.PowerShell.EndInvoke($Run.Handle)
        $progress = @($Run.PowerShell.Streams.Progress)
        $errors = @($Run.PowerShell.Streams.Error)
        $Run.PowerShell.Dispose()
        $errors | Should -BeNullOrEmpty
        [pscustomobject]@{ Output = $output; Progress = $progress }
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Save-PromoTrack concurrency' {
    BeforeEach {
        Clear-EmulatorStat $Emulator
    }

    It 'never has more media requests in flight than -ThrottleLimit 3' {
        $saved = 960051..960059 | Save-PromoTrack -Path (New-Folder 'three') -ThrottleLimit 3

        $saved | Should -HaveCount 9
        $peak = (Get-EmulatorStat $Emulator).mediaMaxConcurrent
        $peak | Should -BeLessOrEqual 3
        $peak | Should -BeGreaterThan 1
    }

    It 'is strictly sequential with -ThrottleLimit 1' {
        $saved = Save-PromoTrack 960021, 960022, 960023, 960024 -Path (New-Folder 'one') -ThrottleLimit 1

        $saved | Should -HaveCount 4
        (Get-EmulatorStat $Emulator).mediaMaxConcurrent | Should -Be 1
    }

    It 'queues the next track while a download holds the only transfer slot (-ThrottleLimit 1)' {
        # The first file's answer stops after its first block until released: the second track's
        # queue call must not wait for it, or every track would leave its slot idle for a round trip.
        $null = Invoke-RestMethod -Method Post -Uri ([uri]::new($Emulator.BaseUri, '_emulator/media/960021/hold'))
        Clear-EmulatorRequest $Emulator
        $run = Start-SaveRunspace "960021, 960022 -Path '$(New-Folder 'ahead')' -ThrottleLimit 1"
        try {
            Wait-Until { (Get-Expected 960021).waiting -ge 1 -and @(Get-EmulatorRequest $Emulator | Where-Object path -EQ '/download/queue/960022').Count -eq 1 }
        }
        finally {
            $null = Invoke-RestMethod -Method Delete -Uri ([uri]::new($Emulator.BaseUri, '_emulator/media/960021/hold'))
        }
        $saved = (Complete-SaveRunspace $run).Output

        $saved.TrackId | Should -Be 960021, 960022
        (Get-EmulatorStat $Emulator).mediaMaxConcurrent | Should -Be 1
    }

    It 'writes results in input order while per-file delays shuffle the finishing order' {
        # Tracks 9600xx wait 0 to 135 ms (by id) before sending: later ids often finish first.
        $ids = 960039, 960031, 960038, 960032, 960037, 960033, 960036, 960034, 960035
        $saved = $ids | Save-PromoTrack -Path (New-Folder 'order') -ThrottleLimit 6

        $saved.TrackId | Should -Be $ids
        foreach ($result in $saved) {
            $result.Sha256 | Should -Be (Get-Expected $result.TrackId).sha256
        }
    }

    It 'shows one parent progress record and one child per download, all completed' {
        $run = Start-SaveRunspace "972011, 972012 -Path '$(New-Folder 'progress')' -ThrottleLimit 2"
        $progress = (Complete-SaveRunspace $run).Progress

        $parents = @($progress | Where-Object ParentActivityId -EQ -1)
        $children = @($progress | Where-Object ParentActivityId -EQ 1)
        $parents.ActivityId | Sort-Object -Unique | Should -Be 1
        ($children.ActivityId | Sort-Object -Unique).Count | Should -Be 2
        ($children | Where-Object RecordType -EQ 'Processing').StatusDescription | Should -Match 'MB of 16\.0 MB'
        # Every record shown is completed at the end: the last record of each id says so.
        foreach ($id in ($progress.ActivityId | Sort-Object -Unique)) {
            ($progress | Where-Object ActivityId -EQ $id)[-1].RecordType | Should -Be 'Completed'
        }
    }

    It 'estimates the time left for the whole batch, not just the download in flight' {
        # Three 16 MB files one at a time (issue 17.8: the time left once counted only the bytes in
        # flight, and said 0 s with two files still to come). While the first file downloads, the
        # estimate, times the rate shown beside it, must cover the two not started yet: more than
        # one and a half files, where the bytes in flight alone are at most one.
        $run = Start-SaveRunspace "972021, 972022, 972023 -Path '$(New-Folder 'batch-eta')' -ThrottleLimit 1"
        $progress = (Complete-SaveRunspace $run).Progress

        $first = @($progress | Where-Object {
                $_.ParentActivityId -eq -1 -and $_.SecondsRemaining -ge 0 -and $_.StatusDescription -match '^0 of 3 tracks, .*, (\d+\.\d) MB/s$' -and [double] $Matches[1] -ge 0.5
            })
        $first | Should -Not -BeNullOrEmpty -Because 'the first download takes 4 s at 4 MB/s, long enough for several progress records'
        foreach ($record in $first) {
            $rate = [double] ($record.StatusDescription -replace '^.*, (\d+\.\d) MB/s$', '$1')
            $record.SecondsRemaining * $rate | Should -BeGreaterThan 24 -Because "'$($record.StatusDescription)' with $($record.SecondsRemaining) s left counts the two files not started (16 MB each)"
        }
    }

    It 'stops 4 downloads promptly on Ctrl+C, leaving only .partial files that the next run resumes' {
        $folder = New-Folder 'stop'
        $ids = 972001, 972002, 972003, 972004
        $run = Start-SaveRunspace "$($ids -join ',') -Path '$folder' -ThrottleLimit 4"
        Wait-Until { @(Get-ChildItem $folder -Filter *.partial -Force | Where-Object Length -GT 0).Count -eq 4 }

        $clock = [Diagnostics.Stopwatch]::StartNew()
        $run.PowerShell.Stop()
        $clock.Stop()
        $run.PowerShell.Dispose()

        $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
        $partials = @(Get-ChildItem $folder -Filter *.partial -Force)
        $partials | Should -HaveCount 4
        Get-ChildItem $folder -File -Force | Where-Object { $_.Name -notlike '.promoonly-*' } | Should -BeNullOrEmpty
        (Get-EmulatorStat $Emulator).downloadsAcknowledged | Should -Be 0
        # Every handle is closed: the files can be opened exclusively.
        foreach ($partial in $partials) {
            $stream = [IO.File]::Open($partial.FullName, 'Open', 'ReadWrite', 'None')
            $stream.Dispose()
        }

        $resumed = Save-PromoTrack $ids -Path $folder -ThrottleLimit 4
        $resumed.Resumed | Should -Be @($true, $true, $true, $true)
        foreach ($result in $resumed) {
            $result.Sha256 | Should -Be (Get-Expected $result.TrackId).sha256
        }
        Get-ChildItem $folder -Filter *.partial -Force | Should -BeNullOrEmpty
        (Get-EmulatorStat $Emulator).downloadsAcknowledged | Should -Be 4
    }

    It 'saves a 200 MB file with flat memory' {
        # In a fresh process, so the peak working set belongs to this download alone. A client
        # that buffered the body would grow by 200 MB; streaming stays within a few MB.
        $folder = New-Folder 'large'
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString '$DemoTokenText' -AsPlainText -Force)
`$null = Save-PromoTrack 123401 -Path '$folder'
[GC]::Collect()
`$process = [Diagnostics.Process]::GetCurrentProcess()
`$before = `$process.PeakWorkingSet64
`$result = Save-PromoTrack 970001 -Path '$folder'
`$process.Refresh()
[pscustomobject]@{ Growth = `$process.PeakWorkingSet64 - `$before; Sha256 = `$result.Sha256; Length = `$result.Length } | ConvertTo-Json -Compress
"@
        $measured = Invoke-FreshPwsh -Script $script -Environment @{ PROMOONLY_API_BASE_URI = $Emulator.BaseUri.AbsoluteUri } | ConvertFrom-Json

        $expected = Get-Expected 970001
        $measured.Length | Should -Be $expected.size
        $measured.Sha256 | Should -Be $expected.sha256
        $measured.Growth | Should -BeLessThan 100MB
    }
}
