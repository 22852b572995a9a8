# The headline user story, end to end: find this week's new dance audio with Get-PromoTrack, save it,
# and see the account's catalogue agree afterwards. It needs the emulator's queue to describe catalogue
# tracks as the catalogue does and its success signal to mark the track downloaded for the account
# (src/PromoOnly.Emulator/README.md, "Downloads"). Catalogue files are 256-750 KB, and only one is saved.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator

    # The README's filter, verbatim.
    $script:IsNew = { $_.Genre -eq 'Dance' -and $_.MediaType -eq 'Audio' -and -not $_.Downloaded }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Saving a new track changes what the catalogue shows' {
    BeforeAll {
        # A release of the last week with exactly one track the filter picks, so "only that track
        # changed" is a sharp question.
        $script:Release = Get-PromoRelease -Since (Get-Date).AddDays(-7) |
            Where-Object { @($_ | Get-PromoTrack | Where-Object $IsNew).Count -eq 1 } |
            Select-Object -First 1
        $script:Before = @($Release | Get-PromoTrack)
        $script:Chosen = $Before | Where-Object $IsNew
        $script:Folder = Join-Path $TestDrive 'Pool'
        $script:SignalledFrom = [datetime]::UtcNow.AddSeconds(-1)

        $script:Saved = @($Release | Get-PromoTrack | Where-Object $IsNew | Save-PromoTrack -Path $Folder)
    }

    It 'saves the one new dance audio track of the release' {
        $Release | Should -Not -BeNullOrEmpty -Because 'the emulator''s last week holds releases with one new dance audio track'
        $Saved | Should -HaveCount 1
        $Saved[0].TrackId | Should -Be $Chosen.TrackId
        $Saved[0].Status | Should -Be 'Saved'
        $Saved[0].Acknowledged | Should -BeTrue
    }

    It 'names the file "Artist - Title (Mix).mp3" after the track the user chose' {
        # User 1's audio format is 320 kbps mp3; characters no file system takes become '_' (AC/DC).
        $expected = "$($Chosen.Artist) - $($Chosen.Title) ($($Chosen.Mix)).mp3" -replace '[<>:"/\\|?*]', '_'

        $Saved[0].Name | Should -Be $expected
        Join-Path $Folder $expected | Should -Exist
    }

    It 'shows that track, and only it, as downloaded afterwards' {
        $after = @($Release | Get-PromoTrack)

        $after.TrackId | Should -Be $Before.TrackId
        $changed = for ($i = 0; $i -lt $after.Count; $i++) {
            if ($after[$i].Downloaded -ne $Before[$i].Downloaded) { $after[$i] }
        }
        @($changed).TrackId | Should -Be @($Chosen.TrackId)
        $changed.Downloaded | Should -BeTrue
    }

    It 'lists it first in the download history, dated when it was saved' {
        $first = Get-PromoDownloadHistory -First 1

        $first.TrackId | Should -Be $Chosen.TrackId
        $first.Title | Should -Be $Chosen.Title
        $first.Date | Should -BeGreaterOrEqual $SignalledFrom
    }

    It 'saves nothing new when the same pipeline runs again' {
        Clear-EmulatorStat $Emulator

        $again = @($Release | Get-PromoTrack | Where-Object $IsNew)
        $savedAgain = @($again | Save-PromoTrack -Path $Folder)

        $again | Should -BeNullOrEmpty -Because 'the saved track is no longer new'
        $savedAgain | Should -BeNullOrEmpty
        (Get-EmulatorStat $Emulator).queue | Should -Be 0
    }
}
