# The catalogue cmdlets against the emulator's deterministic catalogue (src/PromoOnly.Emulator/README.md,
# "Catalogue"): typed output, lazy paging proven by the emulator's page counters, search escaping
# proven by what the emulator understood, per-input errors, and pipeline binding.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator

    # The emulator's newest release date is its UTC date at start-up.
    $script:Today = [datetime]::UtcNow.Date

    function Get-EmulatorSearch {
        foreach ($search in (Invoke-RestMethod -Uri ([uri]::new($Emulator.BaseUri, '_emulator/searches')))) {
            $search
        }
    }
    function Clear-EmulatorSearch {
        $null = Invoke-RestMethod -Method Delete -Uri ([uri]::new($Emulator.BaseUri, '_emulator/searches'))
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Get-PromoRelease' {
    BeforeEach { Clear-EmulatorStat $Emulator }

    It 'returns typed releases for the last week, newest first' {
        $releases = Get-PromoRelease -Since $Today.AddDays(-7)

        $releases | ForEach-Object { $_ | Should -BeOfType ([PromoOnly.Release]) }
        # 8 dates of 3, 4 or 5 releases each (the emulator's rule: 3 + day % 3).
        $releases | Should -HaveCount 31
        $releases[0].ReleaseId | Should -Be 50000
        $releases[0].Title | Should -Be "Top 40 Chart $($Today.ToString('yyyy-MM-dd'))"
        $releases[0].Type | Should -Be 'Chart'
        $releases[0].TrackCount | Should -Be 5
        $releases[0].Date | Should -Be $Today
        $releases[0].ImageUri | Should -Be 'https://images.promoonly.example/releases/50000.jpg'
        $releases.Date | Should -Be ($releases.Date | Sort-Object -Descending)
        ($releases.Date | Measure-Object -Minimum).Minimum | Should -Be $Today.AddDays(-7)
        (Get-EmulatorStat $Emulator).releasePages | Should -Be 1
    }

    It 'asks for one page only when Select-Object -First is satisfied by it' {
        $Error.Clear()
        $first = Get-PromoRelease -Since $Today.AddDays(-59) | Select-Object -First 3

        $first | Should -HaveCount 3
        (Get-EmulatorStat $Emulator).releasePages | Should -Be 1
        # The upstream stop that Select-Object sends is not an error.
        $Error | Should -BeNullOrEmpty
    }

    It 'reads every page of a long window, and stops after the window' {
        $all = Get-PromoRelease -Since $Today.AddDays(-40)

        # 41 dates: pages of 15 dates, so 3 pages, the third one ending the walk.
        @($all.Date | Sort-Object -Unique) | Should -HaveCount 41
        (Get-EmulatorStat $Emulator).releasePages | Should -Be 3
    }

    It 'reads one more page only when -First needs it' {
        $releases = Get-PromoRelease -First 70

        $releases | Should -HaveCount 70
        # 15 dates hold 60 releases, so the 70th needs exactly one more page.
        (Get-EmulatorStat $Emulator).releasePages | Should -Be 2
    }

    It 'without a parameter returns the newest page only' {
        $releases = Get-PromoRelease

        @($releases.Date | Sort-Object -Unique) | Should -HaveCount 15
        (Get-EmulatorStat $Emulator).releasePages | Should -Be 1
    }

    It 'starts the list at -Until and honours -Skip' {
        $releases = Get-PromoRelease -Since $Today.AddDays(-12) -Until $Today.AddDays(-10) -Skip 1

        ($releases.Date | Measure-Object -Maximum).Maximum | Should -Be $Today.AddDays(-10)
        ($releases.Date | Measure-Object -Minimum).Minimum | Should -Be $Today.AddDays(-12)
        $releases[0].ReleaseId | Should -Be 50101
        $log = Get-EmulatorRequest $Emulator | Where-Object path -Like '/releases/date/*'
        $log[-1].path | Should -Be "/releases/date/1/$($Today.AddDays(-10).ToString('yyyy-MM-dd'))"
    }

    It 'refuses -Since after -Until with InvalidDateRange' {
        { Get-PromoRelease -Since $Today -Until $Today.AddDays(-1) -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidDateRange,PromoOnly.Commands.GetPromoReleaseCommand'
    }

    It 'gets releases by id, and one unknown id does not stop the others' {
        $releases = Get-PromoRelease -Id 50000, 49999, 50001 -ErrorVariable failed -ErrorAction SilentlyContinue

        $releases.ReleaseId | Should -Be @(50000, 50001)
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ReleaseNotFound,PromoOnly.Commands.GetPromoReleaseCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 49999
        "$($failed[0])" | Should -Match 'Release 49999 not found'
    }

    It 'shows a table of date, id, artist, title, type and tracks by default' {
        $table = Get-PromoRelease -First 2 | Out-String -Width 120

        $table | Should -Match 'Date\s+ReleaseId\s+Artist\s+Title\s+Type\s+Tracks\s+Downloaded'
        $table | Should -Match "$($Today.ToString('yyyy-MM-dd'))\s+50000"
    }
}

Describe 'Get-PromoRelease -Id with many ids' {
    BeforeAll {
        # Each answer takes 1.5 s, so requests that are sent together are seen in flight together.
        $script:Slow = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--latency-ms', '1500'
        $script:SlowSession = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $Slow.BaseUri.AbsoluteUri -DoNotSetDefault -PassThru
        Wait-PoolSync $Slow
    }

    AfterAll {
        Stop-PoolEmulator $Slow
    }

    It 'asks for up to -ThrottleLimit releases at once and writes them in input order' {
        Clear-EmulatorStat $Slow

        $releases = 50010, 50000, 50002, 50001 | Get-PromoRelease -ThrottleLimit 4 -Session $SlowSession

        $releases.ReleaseId | Should -Be @(50010, 50000, 50002, 50001)
        (Get-EmulatorStat $Slow).release | Should -Be 4
        (Get-EmulatorStat $Slow).maxConcurrent | Should -Be 4
    }

    It 'asks for one release at a time with -ThrottleLimit 1' {
        Clear-EmulatorStat $Slow

        $releases = Get-PromoRelease -Id 50001, 50000 -ThrottleLimit 1 -Session $SlowSession

        $releases.ReleaseId | Should -Be @(50001, 50000)
        (Get-EmulatorStat $Slow).maxConcurrent | Should -Be 1
    }
}

Describe 'Get-PromoTrack' {
    It 'returns the typed tracks of a release in order' {
        $tracks = Get-PromoTrack -ReleaseId 50000

        $tracks | ForEach-Object { $_ | Should -BeOfType ([PromoOnly.Track]) }
        $tracks.TrackId | Should -Be @(200011, 200012, 200015, 200016, 200017)
        $first = $tracks[0]
        $first.Artist | Should -Be 'Katy Perry'
        $first.Title | Should -Be 'Roar'
        $first.Mix | Should -Be 'Clean'
        $first.Genre | Should -Be 'Dance'
        $first.Bpm | Should -Be 70
        $first.Duration | Should -Be ([timespan]'00:03:31')
        $first.MediaType | Should -Be 'Audio'
        $first.Explicit | Should -BeFalse
        $first.Downloaded | Should -BeTrue
        $first.ReleaseId | Should -Be 50000
        $first.Release | Should -Be "Top 40 Chart $($Today.ToString('yyyy-MM-dd'))"
        $first.TitleId | Should -Be 600000
        $tracks[1].Explicit | Should -BeTrue
        $tracks[4].MediaType | Should -Be 'Video'
        $tracks[4].Mix | Should -Be 'Clean Video'
    }

    It 'takes Release objects from the pipeline by ReleaseId' {
        $tracks = Get-PromoRelease -Id 50000, 50001 | Get-PromoTrack

        @($tracks | Where-Object ReleaseId -EQ 50000) | Should -HaveCount 5
        @($tracks | Where-Object ReleaseId -EQ 50001).Count | Should -BeGreaterThan 2
    }

    It 'keeps input order while several releases are requested at once' {
        $ids = (Get-PromoRelease -First 40).ReleaseId
        Clear-EmulatorStat $Emulator

        $tracks = $ids | Get-PromoTrack -ThrottleLimit 8

        $order = [System.Collections.Generic.List[long]]::new()
        foreach ($id in $tracks.ReleaseId) { if ($order.Count -eq 0 -or $order[-1] -ne $id) { $order.Add($id) } }
        $order | Should -Be $ids
        (Get-EmulatorStat $Emulator).release | Should -Be 40
        (Get-EmulatorStat $Emulator).maxConcurrent | Should -BeLessOrEqual 8
    }

    It 'writes ReleaseNotFound for an unknown release and carries on' {
        $tracks = 49999, 50000 | Get-PromoTrack -ErrorVariable failed -ErrorAction SilentlyContinue

        $tracks | Should -HaveCount 5
        $failed[0].FullyQualifiedErrorId | Should -Be 'ReleaseNotFound,PromoOnly.Commands.GetPromoTrackCommand'
        $failed[0].TargetObject | Should -Be 49999
    }

    It 'feeds Get-PromoDownloadServer by TrackId' {
        $tracks = Get-PromoTrack 50000
        $servers = $tracks | Get-PromoDownloadServer

        @($servers.TrackId | Sort-Object -Unique) | Should -Be @($tracks.TrackId | Sort-Object)
    }

    It 'shows a table with id, artist, title, mix, BPM and time by default' {
        $table = Get-PromoTrack 50000 | Out-String -Width 120
        $table | Should -Match 'TrackId\s+Artist\s+Title\s+Mix\s+Bpm\s+Time'
        $table | Should -Match '200011\s+Katy Perry\s+Roar\s+Clean\s+70\s+3:31'
    }
}

Describe 'Find-PromoTrack' {
    BeforeEach { Clear-EmulatorSearch }

    It 'sends <Value> as the artist and nothing else' -ForEach @(
        @{ Value = 'AC/DC' }, @{ Value = 'Drum & Bass' }, @{ Value = '100%' }, @{ Value = 'a+b' },
        @{ Value = 'Beyoncé' }, @{ Value = 'x genre:rock' }
    ) {
        $null = Find-PromoTrack -Artist $Value -Mix 'Clean'

        $seen = @(Get-EmulatorSearch)
        $seen | Should -HaveCount 1
        @($seen[0].PSObject.Properties.Name | Sort-Object) | Should -Be @('artist', 'mix')
        $seen[0].artist | Should -BeExactly $Value
        $seen[0].mix | Should -BeExactly 'Clean'
    }

    It 'finds typed tracks by hostile values in several fields' {
        $found = Find-PromoTrack -Artist 'AC/DC' -Genre 'Drum & Bass' -Bpm 90, 95

        $found | Should -Not -BeNullOrEmpty
        $found | ForEach-Object {
            $_ | Should -BeOfType ([PromoOnly.Track])
            $_.Artist | Should -Be 'AC/DC'
            $_.Genre | Should -Be 'Drum & Bass'
            $_.Bpm | Should -BeGreaterOrEqual 90
            $_.Bpm | Should -BeLessOrEqual 95
        }
        (Get-EmulatorSearch).bpm | Should -Be '90,95'
        (Get-EmulatorRequest $Emulator | Where-Object path -Like '/search/*')[-1].path | Should -Not -BeNullOrEmpty
    }

    It 'finds titles with a percent sign and a plus' {
        (Find-PromoTrack -Title '100%').Title | Sort-Object -Unique | Should -Be '100%'
        (Find-PromoTrack -Title 'a+b').Title | Sort-Object -Unique | Should -Be 'a+b'
        (Find-PromoTrack -Artist 'Beyoncé' -Title 'Night/Day').Artist | Sort-Object -Unique | Should -Be 'Beyoncé'
    }

    It 'passes -Query to the quick search' {
        $found = Find-PromoTrack -Query 'katy perry roar'

        $found | Should -Not -BeNullOrEmpty
        $found.Title | Sort-Object -Unique | Should -Be 'Roar'
        (Get-EmulatorSearch).qsearch | Should -Be 'katy perry roar'
    }

    It 'refuses a search without fields with InvalidSearch' {
        { Find-PromoTrack -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSearch,PromoOnly.Commands.FindPromoTrackCommand'
        { Find-PromoTrack -Bpm 130, 120 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSearch,PromoOnly.Commands.FindPromoTrackCommand'
    }
}

Describe 'Get-PromoTrackVersion' {
    It 'lists the other versions of a piped track' {
        $track = Get-PromoTrack 50000 | Select-Object -First 1
        $versions = $track | Get-PromoTrackVersion

        $versions | Should -Not -BeNullOrEmpty
        $versions | ForEach-Object {
            $_ | Should -BeOfType ([PromoOnly.Track])
            $_.TitleId | Should -Be $track.TitleId
            $_.TrackId | Should -Not -Be $track.TrackId
        }
        @($versions.Mix | Sort-Object -Unique).Count | Should -BeGreaterThan 1
    }

    It 'writes TrackNotFound for an unknown track and carries on' {
        $versions = 123456, 200011 | Get-PromoTrackVersion -ErrorVariable failed -ErrorAction SilentlyContinue

        $versions | Should -Not -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -Be 'TrackNotFound,PromoOnly.Commands.GetPromoTrackVersionCommand'
        $failed[0].TargetObject | Should -Be 123456
    }
}

Describe 'Get-PromoDownloadHistory' {
    BeforeEach { Clear-EmulatorStat $Emulator }

    It 'returns typed entries with UTC dates, newest first' {
        $history = Get-PromoDownloadHistory -First 30

        $history | Should -HaveCount 30
        $history | ForEach-Object {
            $_ | Should -BeOfType ([PromoOnly.DownloadHistoryEntry])
            $_.Date.Kind | Should -Be 'Utc'
        }
        $history.Date | Should -Be ($history.Date | Sort-Object -Descending)
        # Today's downloaded tracks, at midnight plus their order in minutes; ties by track id.
        $history[0].Date | Should -Be $Today.AddMinutes(4)
        $history[0].TrackId | Should -Be 200016
        (Get-EmulatorStat $Emulator).historyPages | Should -Be 2
    }

    It 'asks for one page when Select-Object -First is satisfied by it' {
        $Error.Clear()
        Get-PromoDownloadHistory | Select-Object -First 3 | Should -HaveCount 3
        (Get-EmulatorStat $Emulator).historyPages | Should -Be 1
        $Error | Should -BeNullOrEmpty
    }

    It 'shows a table of date, artist, title, release, format and downloads by default' {
        $table = Get-PromoDownloadHistory -First 2 | Out-String -Width 150
        $table | Should -Match 'Date \(UTC\)\s+Artist\s+Title\s+Release\s+Format\s+Downloads'
        $table | Should -Match "$($Today.ToString('yyyy-MM-dd')) 00:04\s+Pendulum\s+Whiskey Glass"
    }

    It 'filters by media type and groups by release' {
        (Get-PromoDownloadHistory -MediaType Video -First 10).MediaType | Sort-Object -Unique | Should -Be 'Video'
        $byRelease = Get-PromoDownloadHistory -View Releases -First 5
        $byRelease | ForEach-Object { $_.TrackId | Should -BeNullOrEmpty }
        @($byRelease.ReleaseId | Sort-Object -Unique) | Should -HaveCount 5
        (Get-EmulatorRequest $Emulator | Where-Object path -Like '/download/history/*').path |
            Should -Contain '/download/history/1/1/1'
    }
}

Describe 'Get-PromoFileFormat' {
    It 'returns the account formats' {
        $formats = Get-PromoFileFormat

        $formats | ForEach-Object { $_ | Should -BeOfType ([PromoOnly.FileFormat]) }
        $formats.Extension | Should -Be @('.mp3', '.mp4')
        $formats.MediaType | Should -Be @('Audio', 'Video')
        $formats.Type | Should -Be @('320 kbps mp3', '720p mp4')
    }

    It 'shows a table of index, media type, extension and type by default' {
        Get-PromoFileFormat | Out-String | Should -Match 'Index\s+MediaType\s+Extension\s+Type\s+-+[\s-]+1\s+Audio\s+\.mp3\s+320 kbps mp3'
    }

    It 'answers for the session given with -Session' {
        $second = Connect-PromoOnly -UserId 2 -Token (ConvertTo-SecureString '0f1e2d3c4b5a69788796a5b4c3d2e1f0' -AsPlainText -Force) -DoNotSetDefault -PassThru
        (Get-PromoFileFormat -Session $second).Extension | Should -Be @('.wav', '.mp4')
    }

    It 'fails with AuthenticationFailed-style errors as terminating' {
        $bad = Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString 'ffffffffffffffffffffffffffffffff' -AsPlainText -Force) -SkipValidation -DoNotSetDefault -PassThru
        { Get-PromoFileFormat -Session $bad -ErrorAction Stop } | Should -Throw -ErrorId 'TokenExpired,PromoOnly.Commands.GetPromoFileFormatCommand'
    }
}
