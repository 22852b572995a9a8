BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -NoConnect
    $script:CommandName = 'PromoOnly.Commands.GetPromoDownloadServerCommand'
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Get-PromoDownloadServer when no session exists' {
    It 'fails with NotConnected and says to run Connect-PromoOnly' {
        # A fresh process: this one's session store is shared by every test file.
        $job = Start-Job -ScriptBlock {
            Import-Module $using:ModulePath
            try {
                Get-PromoDownloadServer -TrackId 337865
            }
            catch {
                [pscustomobject]@{
                    Id                = $_.FullyQualifiedErrorId
                    Category          = "$($_.CategoryInfo.Category)"
                    Message           = "$_"
                    RecommendedAction = $_.ErrorDetails.RecommendedAction
                }
            }
        }
        $result = $job | Wait-Job -Timeout 120 | Receive-Job
        $job | Remove-Job -Force

        $result.Id | Should -Be "NotConnected,$CommandName"
        $result.Category | Should -Be 'InvalidOperation'
        $result.Message | Should -Match 'Connect-PromoOnly'
        $result.RecommendedAction | Should -Match 'Connect-PromoOnly'
    }
}

Describe 'Get-PromoDownloadServer' {
    BeforeAll {
        Connect-PromoOnly -UserId 1 -Token (New-DemoToken)
    }

    It 'returns the documented answer for track 337865 as typed objects' {
        $servers = Get-PromoDownloadServer -TrackId 337865

        $servers | Should -HaveCount 3
        $servers | ForEach-Object { $_ | Should -BeOfType ([PromoOnly.DownloadServer]) }
        $servers.TrackId | Should -Be @(337865, 337865, 337865)
        $servers.Id | Should -Be @(7, 8, 9)
        $servers.Host | Should -Be @('dc03.promoonly.com', 'ny01.promoonly.com', 'sl02.promoonly.com')
        $servers[0].Uri | Should -Be 'http://dc03.promoonly.com/'
    }

    It 'shows a table with the track, server id and host by default' {
        $table = Get-PromoDownloadServer 337865 | Out-String

        $table | Should -Match 'TrackId\s+Id\s+Host'
        $table | Should -Match '337865\s+7\s+dc03\.promoonly\.com'
    }

    It 'sends exactly the request of endpoint 1' {
        Clear-EmulatorRequest $Emulator

        $null = Get-PromoDownloadServer -TrackId 337865

        $request = @(Get-EmulatorRequest $Emulator)
        $request | Should -HaveCount 1
        $request[0].method | Should -Be 'GET'
        $request[0].path | Should -Be '/download/server/337865'
        $request[0].headers.Authorization | Should -BeExactly 'Bearer MTo4YjI2ZTFlNGYzZjVlMDBhODg4ODA3ZTYwNTU2NWM0Nw=='
        $request[0].headers.Accept | Should -Be 'application/json'
        $version = (Import-PowerShellDataFile $ModulePath).ModuleVersion
        $request[0].headers.'User-Agent' | Should -Match "^PromoOnly\.PowerShell/$([regex]::Escape($version)) PowerShell/7\.\d+\.\d+ "
    }

    It 'streams 50 ids through the pipeline, reporting 403 and 404 per track and emitting the rest in order' {
        $ids = 337800..337849
        $servers = $ids | Get-PromoDownloadServer -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 2
        $failures[0].TargetObject | Should -Be 337813
        $failures[0].FullyQualifiedErrorId | Should -Be "TrackNotInSubscription,$CommandName"
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[1].TargetObject | Should -Be 337844
        $failures[1].FullyQualifiedErrorId | Should -Be "TrackNotFound,$CommandName"
        $failures[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures | ForEach-Object { $_.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty }

        # The emulator gives each ordinary track 1 + (id % 3) servers; 337800 has none yet.
        $served = $ids | Where-Object { $_ -notin 337800, 337813, 337844 }
        $expected = ($served | ForEach-Object { 1 + $_ % 3 } | Measure-Object -Sum).Sum
        $servers | Should -HaveCount $expected
        ($servers.TrackId | Select-Object -Unique) | Should -Be $served
    }

    It 'binds a TrackId column from CSV by property name' {
        $csv = Join-Path $TestDrive 'tracks.csv'
        @([pscustomobject]@{ TrackId = 337865; Title = 'Example' }, [pscustomobject]@{ TrackId = 337801; Title = 'Other' }) |
            Export-Csv -Path $csv -NoTypeInformation

        $servers = Import-Csv $csv | Get-PromoDownloadServer

        ($servers.TrackId | Select-Object -Unique) | Should -Be @(337865, 337801)
        $servers | Should -HaveCount (3 + 1 + 337801 % 3)
    }

    It 'turns the first failure into a terminating error under -ErrorAction Stop' {
        $collected = [System.Collections.Generic.List[object]]::new()
        {
            337865, 337813, 337866 | Get-PromoDownloadServer -ErrorAction Stop | ForEach-Object { $collected.Add($_) }
        } | Should -Throw -ErrorId "TrackNotInSubscription,$CommandName"

        ($collected.TrackId | Select-Object -Unique) | Should -Be 337865
    }

    It 'emits nothing and reports nothing for a track no mirror holds yet' {
        $servers = Get-PromoDownloadServer -TrackId 337800 -ErrorVariable failures

        $servers | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
    }

    It 'rejects ids below 1 before any request' {
        Clear-EmulatorRequest $Emulator

        { Get-PromoDownloadServer -TrackId 0 } | Should -Throw -ErrorId "ParameterArgumentTransformationError,$CommandName" -ExpectedMessage '*from 1 to*'
        @(Get-EmulatorRequest $Emulator) | Should -BeNullOrEmpty
    }

    It 'reports <Name> as InvalidApiResponse for that track only' -TestCases @(
        @{ Name = 'an HTML page'; TrackId = 900001 }
        @{ Name = 'truncated JSON'; TrackId = 900003 }
        @{ Name = 'an empty body'; TrackId = 900004 }
        @{ Name = 'wrong value types'; TrackId = 900005 }
        @{ Name = 'an oversized answer'; TrackId = 900010 }
        @{ Name = 'a key given twice'; TrackId = 900103 }
    ) {
        $servers = $TrackId, 337865 | Get-PromoDownloadServer -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be "InvalidApiResponse,$CommandName"
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failures[0].TargetObject | Should -Be $TrackId
        "$($failures[0])".Length | Should -BeLessThan 700
        $servers | Should -HaveCount 3
        $servers.TrackId | Should -Be @(337865, 337865, 337865)
    }

    It 'reads an answer that starts with a UTF-8 byte-order mark' {
        $servers = Get-PromoDownloadServer -TrackId 900102

        $servers.Host | Should -Be @('dc03.promoonly.com', 'ny01.promoonly.com', 'sl02.promoonly.com')
    }

    It 'quotes a hostile message without terminal escapes, bidi overrides, invisible characters or the echoed token' {
        $verbose = Get-PromoDownloadServer -TrackId 900101 -MaxRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue -Verbose 4>&1

        $failures | Should -HaveCount 1
        @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 1
        $text = "$($failures[0])" + ($verbose.Message -join "`n")
        $text | Should -BeLike '*Token `[secret`] is not valid*'
        $text | Should -Not -Match '[\x00-\x08\x0B-\x1F\x7F-\x9F\u200B-\u200F\u202A-\u202E\u2066-\u2069]'
        $text.Contains($DemoTokenText) | Should -BeFalse
    }

    It 'reports a message instead of data as the API declining, quoting it, for that track only' {
        $servers = 900002, 337865 | Get-PromoDownloadServer -ErrorVariable failures -ErrorAction SilentlyContinue

        $servers | Should -HaveCount 3
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be "ApiRefused,$CommandName"
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[0].TargetObject | Should -Be 900002
        "$($failures[0])" | Should -BeLike "*'Daily download limit reached.'*"
    }

    It 'never emits a host that is not a plain DNS name' {
        $servers = Get-PromoDownloadServer -TrackId 900006 -ErrorVariable failures -ErrorAction SilentlyContinue

        $servers.Host | Should -Be 'dc03.promoonly.com'
        $failures | Should -HaveCount 4
        $failures | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -Be "InvalidServerHost,$CommandName"
            $_.TargetObject | Should -Be 900006
        }
    }

    It 'reports a failing service per track: <Name>' -TestCases @(
        @{ Name = 'HTTP 500 with a JSON message'; TrackId = 900007; Quote = '*Internal server error.*' }
        @{ Name = 'HTTP 502 with an HTML page'; TrackId = 900009; Quote = '*502 Bad Gateway*' }
    ) {
        $null = Get-PromoDownloadServer -TrackId $TrackId -MaxRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be "ApiUnavailable,$CommandName"
        $failures[0].TargetObject | Should -Be $TrackId
        "$($failures[0])" | Should -BeLike $Quote
    }

    It 'does not follow a redirect to another host, so the credentials stay at the API' {
        Clear-EmulatorRequest $Emulator

        $null = Get-PromoDownloadServer -TrackId 900008 -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be "ApiRedirected,$CommandName"
        $failures[0].CategoryInfo.Category | Should -Be 'SecurityError'
        (Get-EmulatorRequest $Emulator).path | Should -Not -Contain '/_emulator/redirect-target/900008'
    }

    It 'logs the request URL in Verbose output but never the token or the Authorization value' {
        $verbose = Get-PromoDownloadServer -TrackId 337865 -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } |
            ForEach-Object Message

        $verbose | Should -Contain "GET $($Emulator.BaseUri)download/server/337865"
        $text = $verbose -join "`n"
        $text | Should -Match 'HTTP 200'
        $text | Should -Not -BeLike "*$DemoTokenText*"
        $text | Should -Not -BeLike '*MTo4YjI2ZTFlNGYzZjVlMDBhODg4ODA3ZTYwNTU2NWM0Nw*'
        $text | Should -Not -BeLike '*Bearer*'
    }

    It 'follows $VerbosePreference in the caller''s scope as well as -Verbose, and -Verbose:$false silences it' {
        # The module skips building Verbose text when nobody listens; each way of asking must still work.
        $viaPreference = & {
            $VerbosePreference = 'Continue'
            Get-PromoDownloadServer -TrackId 337865 4>&1
        } | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $switchedOff = & {
            $VerbosePreference = 'Continue'
            Get-PromoDownloadServer -TrackId 337865 -Verbose:$false 4>&1
        } | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $silent = Get-PromoDownloadServer -TrackId 337865 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        function Invoke-Wrapper { [CmdletBinding()] param() Get-PromoDownloadServer -TrackId 337865 }
        $viaWrapper = Invoke-Wrapper -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message

        $viaPreference | Should -Contain "GET $($Emulator.BaseUri)download/server/337865"
        $viaWrapper | Should -Contain "GET $($Emulator.BaseUri)download/server/337865"
        $switchedOff | Should -BeNullOrEmpty
        $silent | Should -BeNullOrEmpty
    }

    It 'stops the whole pipeline with TokenExpired when the API rejects a supplied token' {
        $bad = ConvertTo-SecureString '00000000000000000000000000000000' -AsPlainText -Force
        $session = Connect-PromoOnly -UserId 1 -Token $bad -SkipValidation -PassThru -ApiBaseUri $Emulator.BaseUri
        try {
            { 337865, 337866 | Get-PromoDownloadServer -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId "TokenExpired,$CommandName"
        }
        finally {
            Connect-PromoOnly -UserId 1 -Token (New-DemoToken)
        }
        $session.UserId | Should -Be 1
    }

    It 'uses the session passed with -Session instead of the default one' {
        $second = Connect-PromoOnly -UserId 2 -Token (ConvertTo-SecureString '0f1e2d3c4b5a69788796a5b4c3d2e1f0' -AsPlainText -Force) -PassThru
        Connect-PromoOnly -UserId 1 -Token (New-DemoToken)

        # 337813 is outside user 1's subscription but inside user 2's.
        @(Get-PromoDownloadServer -TrackId 337813 -Session $second).Count | Should -BeGreaterThan 0
        $null = Get-PromoDownloadServer -TrackId 337813 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be "TrackNotInSubscription,$CommandName"
    }
}
