# examples/weekly-sync.ps1 as a scheduler runs it: pwsh -NonInteractive -File, credentials from the
# environment, the module found through PSModulePath. Silent with exit code 0 when all went well,
# plain-text lines on standard error and exit code 1 when a track or the connection failed; a
# re-run saves nothing new. The runs build on each other, in order.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    $script:Script = Join-Path $RepoRoot 'examples/weekly-sync.ps1'
    $script:Music = Join-Path $TestDrive 'Music Pool'
    $script:Log = Join-Path $Music 'weekly-sync-log.csv'
    $script:BaseUri = $Emulator.BaseUri.AbsoluteUri

    # What the script should save: the tracks of the last two days' releases in Dance or Pop that
    # user 1 has not downloaded, as this session sees them before the first run.
    $script:Expected = @(Get-PromoRelease -Since (Get-Date).Date.AddDays(-2) | Get-PromoTrack |
            Where-Object { -not $_.Downloaded -and $_.Genre -in 'Dance', 'Pop' } |
            Sort-Object TrackId -Unique)
    # One of them gets a directory where its unfinished download (.promoonly-<id>.partial) must go,
    # so writing it fails.
    $script:Blocked = $Expected | Select-Object -First 1
    $script:Blocker = Join-Path $Music ".promoonly-$($Blocked.TrackId).partial"

    # Runs the script in a fresh pwsh exactly as a scheduler would, without NO_COLOR or CI, its
    # output redirected (not a terminal); returns the exit code and both streams.
    function Invoke-WeeklySync([string] $ApiBaseUri = $BaseUri) {
        $info = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
            $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
        }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $Script, '-Path', $Music, '-Genre', 'Dance,Pop', '-Days', '2') {
            $info.ArgumentList.Add($argument)
        }
        $info.WorkingDirectory = $TestDrive
        $info.Environment['PSModulePath'] = "$(Split-Path (Split-Path $ModulePath))$([IO.Path]::PathSeparator)$env:PSModulePath"
        $info.Environment['PROMOONLY_API_BASE_URI'] = $ApiBaseUri
        $info.Environment['PROMOONLY_USER_ID'] = '1'
        $info.Environment['PROMOONLY_API_KEY'] = 'demo-api-key'
        $info.Environment['PROMOONLY_API_SECRET'] = 'demo-api-secret'
        foreach ($name in 'NO_COLOR', 'CI', 'PROMOONLY_TOKEN') { $null = $info.Environment.Remove($name) }
        $info.UseShellExecute = $false
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($info)
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(600000)) {
            $process.Kill($true)
            throw 'weekly-sync.ps1 did not finish within 10 minutes.'
        }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Out = $stdout.Result; Err = $stderr.Result }
    }

    function Get-LogRow { if (Test-Path $Log) { @(Import-Csv $Log) } else { @() } }
    function Get-MusicFile { @(Get-ChildItem $Music -File | Where-Object Extension -In '.mp3', '.mp4') }
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator $Emulator }
}

Describe 'examples/weekly-sync.ps1' {
    It 'has tracks to save in the window, one of which can be made to fail' {
        $Expected.Count | Should -BeGreaterThan 3
        $Blocked | Should -Not -BeNullOrEmpty
    }

    It 'saves the others, logs them, and exits 1 naming the track that failed on stderr, in plain text' {
        $null = New-Item -ItemType Directory -Path $Blocker -Force

        $run = Invoke-WeeklySync

        $run.ExitCode | Should -Be 1
        $run.Out | Should -BeNullOrEmpty
        $run.Err | Should -Match "(?m)^weekly-sync: Track $($Blocked.TrackId)\b.*\[DownloadWriteFailed\]"
        @($run.Err.Trim() -split '\r?\n') | Should -HaveCount 1 -Because 'one line per failed track, and nothing else'
        $run.Err | Should -Not -Match "`e"
        $rows = Get-LogRow
        $rows.TrackId | Sort-Object | Should -Be @($Expected.TrackId | Where-Object { $_ -ne $Blocked.TrackId } | ForEach-Object { "$_" } | Sort-Object)
        (Get-MusicFile).Count | Should -Be ($Expected.Count - 1)
    }

    It 'saves the track that failed once it can, and exits 0 without a word' {
        Remove-Item -LiteralPath $Blocker -Force   # a dot name: hidden

        $run = Invoke-WeeklySync

        $run.Err | Should -BeNullOrEmpty
        $run.Out | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $rows = Get-LogRow
        $rows | Should -HaveCount $Expected.Count
        $rows[-1].TrackId | Should -Be "$($Blocked.TrackId)"
        (Get-MusicFile).Count | Should -Be $Expected.Count
    }

    It 'saves nothing new when run again, sends no download request, and exits 0' {
        Clear-EmulatorStat $Emulator

        $run = Invoke-WeeklySync

        $run.Err | Should -BeNullOrEmpty
        $run.Out | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        Get-LogRow | Should -HaveCount $Expected.Count
        (Get-EmulatorStat $Emulator).queue | Should -Be 0
    }

    It 'exits 1 and says it could not connect when the API is down' {
        Stop-TestEmulator $Emulator
        $script:Emulator = $null

        $run = Invoke-WeeklySync

        $run.ExitCode | Should -Be 1
        $run.Out | Should -BeNullOrEmpty
        $run.Err | Should -Match '^weekly-sync: could not connect to the POOL API\b.*\[ApiUnreachable\]'
        $run.Err | Should -Not -Match "`e"
        Get-LogRow | Should -HaveCount $Expected.Count
    }
}

Describe 'Scheduling weekly-sync.ps1, as README shows it' {
    BeforeAll {
        $script:Readme = Get-Content (Join-Path $RepoRoot 'README.md') -Raw
    }

    It 'gives a cron line that runs it with pwsh -NonInteractive -File' {
        $Readme | Should -Match '(?m)^(\S+\s+){5}.*\bpwsh -NonInteractive -File \S*examples/weekly-sync\.ps1 -Path '
    }

    It 'gives a Task Scheduler action that runs it with pwsh -NonInteractive -File' {
        $Readme | Should -Match "New-ScheduledTaskAction -Execute 'pwsh(\.exe)?' -Argument '-NonInteractive -File [^']*weekly-sync\.ps1 -Path "
    }
}
