# Save-PromoTrack as a whole run (issue 17): releases piped in, -WhatIf naming each track, a folder
# that cannot be written failing once before anything is queued, errors that name their track in
# sentences, and a run that stops trying once the API is out of reach.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator

    function New-Folder([string] $Name) {
        (New-Item -ItemType Directory -Path (Join-Path $TestDrive $Name) -Force).FullName
    }

    # -WhatIf lines go to the host, not to a stream: run the command in a fresh pwsh and read them.
    function Get-WhatIfLine([string] $Command) {
        $output = Invoke-FreshPwsh -Script "Import-Module '$ModulePath'; Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString $DemoTokenText -AsPlainText -Force); $Command" -Environment @{ PROMOONLY_API_BASE_URI = $Emulator.BaseUri.AbsoluteUri; NO_COLOR = '1' }
        @($output -split '\r?\n' | Where-Object { $_ -like 'What if:*' })
    }
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator $Emulator }
}

Describe 'A Release piped into Save-PromoTrack' {
    BeforeEach { Clear-EmulatorStat $Emulator }

    It 'saves every track of the release, in its order' {
        $folder = New-Folder 'release'
        $tracks = @(Get-PromoTrack 50001)

        $saved = Get-PromoRelease -Id 50001 | Save-PromoTrack -Path $folder

        $saved.TrackId | Should -Be $tracks.TrackId
        $saved.Status | Sort-Object -Unique | Should -Be 'Saved'
        (Get-EmulatorStat $Emulator).queue | Should -Be $tracks.Count
    }

    It 'saves the tracks of -ReleaseId, and says which release it does not know' {
        $folder = New-Folder 'release-ids'

        $saved = Save-PromoTrack -ReleaseId 123456, 50002 -Path $folder -ErrorVariable failed -ErrorAction SilentlyContinue

        $saved.TrackId | Should -Be (Get-PromoTrack 50002).TrackId
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ReleaseNotFound,*'
        $failed[0].TargetObject | Should -Be 123456
    }

    It 'still binds a piped Track by its TrackId, not its ReleaseId' {
        $two = Get-PromoTrack 50000 | Select-Object -First 2

        $saved = $two | Save-PromoTrack -Path (New-Folder 'tracks')

        $saved.TrackId | Should -Be $two.TrackId
        (Get-EmulatorStat $Emulator).queue | Should -Be 2
    }
}

Describe 'Save-PromoTrack -WhatIf' {
    It 'names a piped track by its artist, title and mix' {
        $lines = @(Get-WhatIfLine "Get-PromoTrack 50000 | Select-Object -First 1 | Save-PromoTrack -Path '$(Join-Path $TestDrive 'whatif')' -WhatIf")

        $lines | Should -HaveCount 1
        $lines[0] | Should -BeLike '*on target "Track 200011 (Katy Perry - Roar (Clean))".'
    }

    It 'names a CSV row by its columns, and a bare id by its number' {
        $lines = @(Get-WhatIfLine "[pscustomobject]@{ TrackId = 123401; Artist = 'Some Artist'; Title = 'Some Title' }, 123402 | Save-PromoTrack -Path '$(Join-Path $TestDrive 'whatif')' -WhatIf")

        $lines | Should -HaveCount 2
        $lines[0] | Should -BeLike '*on target "Track 123401 (Some Artist - Some Title)".'
        $lines[1] | Should -BeLike '*on target "Track 123402".'
    }

    It 'names every track of a piped release' {
        $lines = @(Get-WhatIfLine "Get-PromoRelease -Id 50000 | Save-PromoTrack -Path '$(Join-Path $TestDrive 'whatif')' -WhatIf")
        $tracks = @(Get-PromoTrack 50000)

        $lines | Should -HaveCount $tracks.Count
        $lines[0] | Should -BeLike "*on target `"Track $($tracks[0].TrackId) ($($tracks[0].Artist) - $($tracks[0].Title) ($($tracks[0].Mix)))`"."
    }
}

Describe 'A folder Save-PromoTrack cannot write into' {
    It 'fails once, before any track is queued' -Skip:(-not (Test-Path /sys/kernel)) {
        Clear-EmulatorStat $Emulator

        # /sys refuses new files even to root, as a read-only or full disk refuses everyone.
        $failure = try { 123401, 123402, 123405, 123406 | Save-PromoTrack -Path /sys -ErrorAction Stop; $null } catch { $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike 'DownloadWriteFailed,*'
        $failure.CategoryInfo.Category | Should -Be 'WriteError'
        $failure.TargetObject | Should -Be '/sys'
        $failure.Exception.Message | Should -Match "^Save-PromoTrack cannot write into '/sys' \(.+\), so no track was queued\.$"
        (Get-EmulatorStat $Emulator).queue | Should -Be 0
    }
}

Describe 'Save-PromoTrack error messages' {
    It 'name the track and read as sentences' {
        $null = 123413, 123444, 123400, 990002 | Save-PromoTrack -Path (New-Folder 'messages') -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | Should -HaveCount 4
        foreach ($record in $failed) {
            $record.Exception.Message | Should -Match "^Track $($record.TargetObject)\b"
            $record.Exception.Message | Should -Match '[.!?]$'
        }
    }
}

Describe 'When the API becomes unreachable mid-run' {
    It 'stops after 3 tracks in a row failed that way, with one error naming how many were not attempted' {
        $folder = New-Folder 'unreachable'
        $ids = 123401, 123402, 123405, 123406, 123407, 123408, 123409, 123410, 123411, 123412
        # The emulator stops when the pipeline reaches the third id: the API is gone mid-run.
        $saved = $ids | ForEach-Object {
            if ($_ -eq $ids[2]) { Stop-TestEmulator $Emulator; $script:Emulator = $null }
            $_
        } | Save-PromoTrack -Path $folder -ThrottleLimit 1 -MaxRetryCount 0 -ErrorVariable failed -ErrorAction SilentlyContinue

        $unreachable = @($failed | Where-Object FullyQualifiedErrorId -Like 'ApiUnreachable,*')
        $stopped = @($failed | Where-Object FullyQualifiedErrorId -Like 'DownloadsStopped,*')
        $unreachable | Should -HaveCount 3
        $stopped | Should -HaveCount 1
        $stopped[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $left = @($stopped[0].TargetObject)
        $stopped[0].Exception.Message | Should -Match "could not be reached for 3 tracks in a row, so $($left.Count) tracks were not attempted\.$"
        # Every id is accounted for: saved, failed with an error of its own, or not attempted.
        $reported = @($failed | Where-Object { $_ -notin $stopped } | ForEach-Object TargetObject)
        @(@($saved.TrackId) + $reported + $left | Sort-Object -Unique) | Should -Be ($ids | Sort-Object)
        @($left | Where-Object { $_ -in $reported -or $_ -in @($saved.TrackId) }) | Should -BeNullOrEmpty
        $left | Should -Be ($ids | Select-Object -Last $left.Count)
        $left.Count | Should -BeGreaterOrEqual 5
        foreach ($record in $unreachable) {
            $record.Exception.Message | Should -Match "^Track $($record.TargetObject): could not reach the POOL API at .+\. Gave up after 1 attempt\.$"
        }
    }
}
