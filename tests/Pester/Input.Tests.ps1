# Track ids as people really pass them: lines of a text file (with blank lines), CSV columns named
# Id, Track_Id or "Track Id", and the mistakes that PowerShell's own number conversion would turn
# into some other track's id ('337865,123402' → 337865123402, 337865.5 → 337866).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    $script:CommandName = 'PromoOnly.Commands.GetPromoDownloadServerCommand'
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Track ids from a text file' {
    It 'skips blank and whitespace-only lines instead of failing on them' {
        $file = Join-Path $TestDrive 'ids.txt'
        Set-Content -Path $file -Value @('337865', '', '   ', '123402 ', '')

        $servers = Get-Content $file | Get-PromoDownloadServer -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        ($servers.TrackId | Select-Object -Unique) | Should -Be @(337865, 123402)
    }

    It 'refuses <Name> clearly, sends nothing for it, and carries on with the other ids' -TestCases @(
        @{ Name = 'two ids on one line'; Line = '337865,123402'; Says = "*'337865,123402' holds several values*-split*" }
        @{ Name = 'a fraction'; Line = '337865.5'; Says = "*'337865.5' is not a track id*whole numbers*" }
        @{ Name = 'a word'; Line = 'TrackId'; Says = "*'TrackId' is not a track id*" }
    ) {
        Clear-EmulatorRequest $Emulator

        $servers = @('123402', $Line, '123401') | Get-PromoDownloadServer -ErrorVariable failures -ErrorAction SilentlyContinue

        ($servers.TrackId | Select-Object -Unique) | Should -Be @(123402, 123401)
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be "ParameterArgumentTransformationError,$CommandName"
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failures[0].TargetObject | Should -Be $Line
        "$($failures[0])" | Should -BeLike $Says
        # The two lookups run concurrently, so the emulator may log them in either order; what is
        # sent is exactly one request per good id (the output order is checked above).
        (Get-EmulatorRequest $Emulator).path | Sort-Object | Should -Be @('/download/server/123401', '/download/server/123402')
    }

    It 'refuses a number with a fraction as an argument instead of rounding it to a neighbour' {
        Clear-EmulatorRequest $Emulator

        { Get-PromoDownloadServer 337865.5 } | Should -Throw -ErrorId "ParameterArgumentTransformationError,$CommandName" -ExpectedMessage '*whole numbers*'
        { Get-PromoDownloadServer '337865,123402' } | Should -Throw -ExpectedMessage '*several values*'
        @(Get-EmulatorRequest $Emulator) | Should -BeNullOrEmpty
    }

    It 'names the item that is wrong in an argument list' {
        { Get-PromoDownloadServer -TrackId 337865, '12x' } | Should -Throw -ExpectedMessage "*Item 2: '12x'*"
    }
}

Describe 'Track ids from CSV columns' {
    It 'binds a column named <Header>' -TestCases @(
        @{ Header = 'TrackId' }
        @{ Header = 'Id' }
        @{ Header = 'Track_Id' }
        @{ Header = 'Track Id' }
        @{ Header = 'track id' }
    ) {
        $csv = Join-Path $TestDrive 'crate.csv'
        Set-Content -Path $csv -Value @("Artist,""$Header"",Title", 'Someone,337865,Example', 'Other,123402,Second')

        $servers = Import-Csv $csv | Get-PromoDownloadServer

        ($servers.TrackId | Select-Object -Unique) | Should -Be @(337865, 123402)
    }

    It 'prefers a TrackId column over an Id column' {
        $rows = [pscustomobject]@{ Id = 5; TrackId = 337865 }

        ($rows | Get-PromoDownloadServer).TrackId | Select-Object -Unique | Should -Be 337865
    }
}

Describe 'A track that no mirror holds yet' {
    It 'says so in Verbose output instead of vanishing' {
        $output = Get-PromoDownloadServer -TrackId 123400 -Verbose -ErrorVariable failures 4>&1

        $failures | Should -BeNullOrEmpty
        $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] } | Should -BeNullOrEmpty
        ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message |
            Should -Contain 'Track 123400: the POOL API lists no mirror for it yet, so there is no server to write.'
    }
}

Describe 'Get-PromoDownloadServer -IncludeInput' {
    It 'puts each row''s own Artist and Title on its servers, in order, with lookups running concurrently' {
        $rows = foreach ($id in 123401..123460) {
            [pscustomobject]@{ Artist = "Artist $id"; 'Track Id' = "$id"; Title = "Title $id" }
        }

        $servers = $rows | Get-PromoDownloadServer -IncludeInput -ThrottleLimit 8 -ErrorAction SilentlyContinue

        $servers.Count | Should -BeGreaterThan 60
        foreach ($server in $servers) {
            $server.Artist | Should -Be "Artist $($server.TrackId)"
            $server.Title | Should -Be "Title $($server.TrackId)"
        }
        $servers[0] | Should -BeOfType ([PromoOnly.DownloadServer])
    }

    It 'keeps the server''s own values where a column has the same name' {
        $row = [pscustomobject]@{ Id = 337865; Host = 'from-the-csv'; Note = 'kept' }

        $servers = $row | Get-PromoDownloadServer -IncludeInput

        $servers.Id | Should -Be @(7, 8, 9)
        $servers.Host | Should -Not -Contain 'from-the-csv'
        $servers.Note | Should -Be @('kept', 'kept', 'kept')
    }

    It 'exports the copied columns with Export-Csv' {
        $csv = Join-Path $TestDrive 'with-titles.csv'
        [pscustomobject]@{ TrackId = 123402; Artist = 'Someone' } | Get-PromoDownloadServer -IncludeInput | Export-Csv $csv -NoTypeInformation

        (Import-Csv $csv).Artist | Should -Be 'Someone'
        (Import-Csv $csv).Host | Should -Be 'sl02.promoonly.com'
    }

    It 'adds nothing for plain ids, and nothing without the switch' {
        (Get-PromoDownloadServer 123402 -IncludeInput).PSObject.Properties.Name | Should -Be @('TrackId', 'Id', 'Host', 'Uri', 'LatencyMs', 'Reachable')
        ([pscustomobject]@{ TrackId = 123402; Artist = 'x' } | Get-PromoDownloadServer).PSObject.Properties.Name | Should -Not -Contain 'Artist'
    }
}

Describe 'Save-PromoTrack takes track ids the same way' {
    It 'skips blank lines of an id file and binds a CSV column named "Track Id"' {
        $folder = Join-Path $TestDrive 'save-input'
        $file = Join-Path $TestDrive 'save-ids.txt'
        Set-Content -Path $file -Value @('123401', '', '   ')
        $csv = Join-Path $TestDrive 'save-crate.csv'
        Set-Content -Path $csv -Value @('Artist,"Track Id"', 'Someone,123402')

        $fromFile = Get-Content $file | Save-PromoTrack -Path $folder -ErrorVariable fileFailures
        $fromCsv = Import-Csv $csv | Save-PromoTrack -Path $folder -ErrorVariable csvFailures

        $fileFailures | Should -BeNullOrEmpty
        $csvFailures | Should -BeNullOrEmpty
        $fromFile.TrackId | Should -Be 123401
        $fromCsv.TrackId | Should -Be 123402
        $fromCsv.Status | Should -Be 'Saved'
    }

    It 'refuses two ids on one line without saving a neighbour, and saves the others' {
        $folder = Join-Path $TestDrive 'save-refused'
        Clear-EmulatorRequest $Emulator

        $saved = @('123401', '337865,123402') | Save-PromoTrack -Path $folder -ErrorVariable failures -ErrorAction SilentlyContinue

        $saved.TrackId | Should -Be 123401
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,PromoOnly.Commands.SavePromoTrackCommand'
        $failures[0].TargetObject | Should -Be '337865,123402'
        "$($failures[0])" | Should -BeLike "*several values*"
        (Get-EmulatorRequest $Emulator).path | Should -Not -Contain '/download/queue/337865123402'
    }
}
