# Contract section 7, browsing, against the emulator (src/PromoOnly.Emulator/README.md, "API endpoints"
# and "Specialty releases and DJ sessions"): a genre's tracks of a day, specialty releases and tracks,
# the release search and charts. Each has typed output, a refusal quoted from the server, a malformed
# answer, and (for listings) laziness proven by the emulator's page counters.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    $script:Today = [datetime]::UtcNow.Date

    # A second emulator: a good session meets malformed answers there, a session with an unknown
    # token meets the API declining (200 with a result message) on every endpoint.
    $faults = '/genres=truncated,/specialty/1=empty,/specialty/tracks=html,/specialty/decade=truncated,/rsearch=html,/user/charts=truncated'
    $script:Faulty = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--bad-token-as-result', '--endpoint-fault', $faults
    $script:FaultySession = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $Faulty.BaseUri -DoNotSetDefault -SkipValidation
    $script:Declined = Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString ('f' * 32) -AsPlainText -Force) -ApiBaseUri $Faulty.BaseUri -DoNotSetDefault -SkipValidation

    function Get-EmulatorSearch {
        foreach ($search in (Invoke-RestMethod -Uri ([uri]::new($Emulator.BaseUri, '_emulator/searches')))) {
            $search
        }
    }

}

AfterAll {
    Stop-PoolEmulator $Faulty
    Stop-TestEmulator $Emulator
}

Describe 'Get-PromoTrack -Genre' {
    BeforeEach { Clear-EmulatorStat $Emulator }

    It 'asks for today''s local date by default' {
        $null = Get-PromoTrack -Genre 'Dance'

        (Get-EmulatorRequest $Emulator | Where-Object path -Like '/genres/*')[-1].path | Should -Be "/genres/Dance/$((Get-Date).ToString('yyyy-MM-dd'))"
    }

    It 'gets the typed tracks of one genre on one day' {
        $tracks = Get-PromoTrack -Genre 'Dance' -Date $Today

        $tracks | Should -Not -BeNullOrEmpty
        $tracks | ForEach-Object { $_ | Should -BeOfType ([PromoOnly.Track]) }
        $tracks.Genre | Sort-Object -Unique | Should -Be 'Dance'
        $tracks.Duration | ForEach-Object { $_ | Should -BeOfType ([timespan]) }
        $tracks.Modified | ForEach-Object { $_.Date | Should -Be $Today }
    }

    It 'sends "&" as _and_ and spaces as _, so the server reads the genre back whole' {
        $day = $Today.AddDays(-2)
        $tracks = Get-PromoTrack -Genre 'Drum & Bass' -Date $day

        $tracks | Should -Not -BeNullOrEmpty
        $tracks.Genre | Sort-Object -Unique | Should -Be 'Drum & Bass'
        (Get-EmulatorRequest $Emulator | Where-Object path -Like '/genres/*')[-1].path | Should -Be "/genres/Drum__and__Bass/$($day.ToString('yyyy-MM-dd'))"
        (Get-EmulatorSearch)[-1].genre | Should -Be 'Drum & Bass'
    }

    It 'keeps a slash inside the genre instead of letting it add a path segment' {
        $null = Get-PromoTrack -Genre 'AC/DC' -ErrorAction SilentlyContinue

        (Get-EmulatorSearch)[-1].genre | Should -Be 'AC/DC'
    }

    It 'refuses a genre of only dots before sending anything' {
        Clear-EmulatorRequest $Emulator

        { Get-PromoTrack -Genre '..' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidGenre,PromoOnly.Commands.GetPromoTrackCommand'
        @(Get-EmulatorRequest $Emulator) | Should -BeNullOrEmpty
    }

    It 'quotes the server when it declines an unknown genre' {
        $tracks = Get-PromoTrack -Genre 'Polka' -ErrorVariable failed -ErrorAction SilentlyContinue

        $tracks | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.GetPromoTrackCommand'
        $failed[0].TargetObject | Should -Be 'Polka'
        "$($failed[0])" | Should -Match "Unknown genre 'Polka'"
    }

    It 'reports a malformed answer as InvalidApiResponse' {
        $null = Get-PromoTrack -Genre 'Dance' -Session $FaultySession -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.GetPromoTrackCommand'
    }
}

Describe 'Get-PromoRelease -Specialty' {
    BeforeEach { Clear-EmulatorStat $Emulator }

    It 'lists every specialty release of the account, page after page until an empty page' {
        $releases = Get-PromoRelease -Specialty

        $releases | Should -HaveCount 33
        $releases[0].ReleaseId | Should -Be 70000
        $releases.Type | Sort-Object -Unique | Should -Be 'Specialty'
        $releases.Date | Should -Be ($releases.Date | Sort-Object -Descending)
        # 10 a page: 10, 10, 10, 3, then the empty page that ends the list.
        (Get-EmulatorStat $Emulator).specialtyPages | Should -Be 5
    }

    It 'costs one page for Select-Object -First 3' {
        $Error.Clear()
        Get-PromoRelease -Specialty | Select-Object -First 3 | Should -HaveCount 3

        (Get-EmulatorStat $Emulator).specialtyPages | Should -Be 1
        $Error | Should -BeNullOrEmpty
    }

    It 'pipes into Get-PromoTrack, which reads specialty releases like any other' {
        $tracks = Get-PromoRelease -Specialty -First 1 | Get-PromoTrack

        $tracks.ReleaseId | Sort-Object -Unique | Should -Be 70000
        $tracks | Should -HaveCount 4
    }

    It 'is empty for an account without specialty releases, after one request' {
        $second = Connect-PromoOnly -UserId 2 -Token (ConvertTo-SecureString '0f1e2d3c4b5a69788796a5b4c3d2e1f0' -AsPlainText -Force) -DoNotSetDefault -SkipValidation

        Get-PromoRelease -Specialty -Session $second | Should -BeNullOrEmpty
        (Get-EmulatorStat $Emulator).specialtyPages | Should -Be 1
    }

    It 'reports a malformed page, and the API declining, as one error each' {
        $null = Get-PromoRelease -Specialty -Session $FaultySession -ErrorVariable malformed -ErrorAction SilentlyContinue
        $null = Get-PromoRelease -Specialty -Session $Declined -ErrorVariable declined -ErrorAction SilentlyContinue

        $malformed | Should -HaveCount 1
        $malformed[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.GetPromoReleaseCommand'
        $malformed[0].TargetObject | Should -Be 'specialty releases page 1'
        $declined | Should -HaveCount 1
        $declined[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.GetPromoReleaseCommand'
        "$($declined[0])" | Should -Match 'Invalid user id or access token'
    }
}

Describe 'Get-PromoTrack -SpecialtyYear and -Decade' {
    BeforeEach { Clear-EmulatorStat $Emulator }

    It 'gets the specialty tracks of a year, typed, with their ids' {
        $tracks = Get-PromoTrack -SpecialtyYear 1973

        $tracks | Should -Not -BeNullOrEmpty
        $tracks | ForEach-Object { $_.TrackId | Should -BeGreaterThan 300000 }
        $tracks.Release | Should -Not -Contain ''
        (Get-EmulatorStat $Emulator).specialtyYears | Should -Be 1
    }

    It 'reads a decade page after page until an empty page' {
        $tracks = Get-PromoTrack -Decade 1990

        $tracks.Count | Should -BeGreaterThan 10
        # 10 a page, and a partial page does not end the list: only the empty page after it does.
        $pages = [math]::Ceiling($tracks.Count / 10) + 1
        (Get-EmulatorStat $Emulator).decadePages | Should -Be $pages
        (Get-EmulatorRequest $Emulator | Where-Object path -Like '/specialty/decade/*')[0].path | Should -Be '/specialty/decade/1990/1'
    }

    It 'costs one page for Select-Object -First 3' {
        Get-PromoTrack -Decade 1980 | Select-Object -First 3 | Should -HaveCount 3

        (Get-EmulatorStat $Emulator).decadePages | Should -Be 1
    }

    It 'refuses a year that does not start a decade' {
        { Get-PromoTrack -Decade 1985 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDecade,PromoOnly.Commands.GetPromoTrackCommand'
        (Get-EmulatorStat $Emulator).decadePages | Should -Be 0
    }

    It 'reports malformed answers and the API declining' {
        $null = Get-PromoTrack -SpecialtyYear 1973 -Session $FaultySession -ErrorVariable year -ErrorAction SilentlyContinue
        $null = Get-PromoTrack -Decade 1970 -Session $FaultySession -ErrorVariable decade -ErrorAction SilentlyContinue
        $null = Get-PromoTrack -SpecialtyYear 1973 -Session $Declined -ErrorVariable declined -ErrorAction SilentlyContinue

        $year[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.GetPromoTrackCommand'
        $year[0].TargetObject | Should -Be 1973
        $decade[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.GetPromoTrackCommand'
        $declined[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.GetPromoTrackCommand'
    }
}

Describe 'Find-PromoRelease' {
    It 'finds releases by title, typed, and they pipe into Get-PromoTrack' {
        $found = Find-PromoRelease 'Top 40 Chart'

        $found | Should -Not -BeNullOrEmpty
        $found | ForEach-Object { $_ | Should -BeOfType ([PromoOnly.Release]) }
        $found.Title | ForEach-Object { $_ | Should -BeLike 'Top 40 Chart*' }
        ($found | Select-Object -First 1 | Get-PromoTrack) | Should -Not -BeNullOrEmpty
    }

    It 'sends the text as one escaped segment' {
        $null = Find-PromoRelease 'Vol. 3 & AC/DC'

        (Get-EmulatorSearch)[-1].rsearch | Should -Be 'Vol. 3 & AC/DC'
    }

    It 'quotes the server when it declines, and carries on with the next query' {
        $found = 'a', 'Club Hits' | Find-PromoRelease -ErrorVariable failed -ErrorAction SilentlyContinue

        $found | Should -Not -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.FindPromoReleaseCommand'
        $failed[0].TargetObject | Should -Be 'a'
        "$($failed[0])" | Should -Match 'at least 2 characters'
    }

    It 'reports a malformed answer as InvalidApiResponse' {
        $null = Find-PromoRelease 'Club' -Session $FaultySession -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.FindPromoReleaseCommand'
    }
}

Describe 'Get-PromoChart' {
    It 'lists the charts, which pipe into Get-PromoTrack by ChartId' {
        $charts = Get-PromoChart

        $charts | ForEach-Object { $_ | Should -BeOfType ([PromoOnly.Chart]) }
        $charts[0].ChartId | Should -Be 50000
        $charts[0].Shown | Should -BeTrue
        $tracks = $charts | Select-Object -First 2 | Get-PromoTrack
        $tracks.ReleaseId | Sort-Object -Unique | Should -Be @(50000, 50070)
    }

    It 'shows a hidden chart as not shown' {
        $second = Connect-PromoOnly -UserId 2 -Token (ConvertTo-SecureString '0f1e2d3c4b5a69788796a5b4c3d2e1f0' -AsPlainText -Force) -DoNotSetDefault -SkipValidation

        (Get-PromoChart -Session $second)[-1].Shown | Should -BeFalse
    }

    It 'reports a malformed answer and the API declining' {
        $null = Get-PromoChart -Session $FaultySession -ErrorVariable malformed -ErrorAction SilentlyContinue
        $null = Get-PromoChart -Session $Declined -ErrorVariable declined -ErrorAction SilentlyContinue

        $malformed[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.GetPromoChartCommand'
        $declined[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.GetPromoChartCommand'
    }
}

Describe 'The views of section 7''s browsing output' {
    It 'shows charts in 80 columns' {
        Assert-View (Get-PromoChart) 'ChartId', 'Name', 'Format', 'Shown'
    }
}
