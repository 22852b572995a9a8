# The catalogue cmdlets where things go wrong or go further: answers of the wrong shape (the emulator's
# fault tracks answer /track/versions too), retries, Ctrl+C, Save-PromoTrack binding, and every
# PowerShell block of README.md's "Finding tracks" section run verbatim.
BeforeDiscovery {
    # Save-PromoTrack comes from another branch; its tests run as soon as the built module has it.
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModulePath -Force
    $script:HasSave = [bool](Get-Command Save-PromoTrack -Module PromoOnly -ErrorAction SilentlyContinue)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Pipelines into Save-PromoTrack' -Skip:(-not $HasSave) {
    It 'binds piped Track objects by TrackId (-WhatIf downloads nothing)' {
        $tracks = Get-PromoTrack 50000
        Clear-EmulatorStat $Emulator
        $script = "Import-Module '$ModulePath'; Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString $DemoTokenText -AsPlainText -Force); " +
            "Get-PromoTrack 50000 | Save-PromoTrack -Path ./Pool -WhatIf"
        $out = Invoke-FreshPwsh -Script $script -Environment @{ PROMOONLY_API_BASE_URI = $Emulator.BaseUri.AbsoluteUri }

        foreach ($id in $tracks.TrackId) {
            $out | Should -Match "\b$id\b"
        }
        (Get-EmulatorStat $Emulator).queue | Should -Be 0
        Join-Path $TestDrive 'Pool' | Should -Not -Exist
    }
}

# Every PowerShell block of README.md's "Finding tracks" section, verbatim, in a fresh pwsh whose
# home is the test drive (so ~/Music/Pool lands there) and whose API is this emulator.
Describe 'README: Finding tracks' {
    BeforeDiscovery {
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $section = [regex]::Match($readme, '(?ms)^### Finding tracks\s*$(.*?)(?=^##)').Groups[1].Value
        $script:Blocks = @([regex]::Matches($section, '(?ms)^```powershell\s*$(.*?)^```') | ForEach-Object -Begin { $n = 0 } -Process {
                $n++
                @{ Number = $n; Code = $_.Groups[1].Value; NeedsSave = $_.Groups[1].Value -match 'Save-PromoTrack' }
            })
    }

    It 'has the weekly-sync recipe' {
        $Blocks.Count | Should -BeGreaterOrEqual 3
        ($Blocks.Code -join "`n") | Should -Match 'Get-PromoRelease -Since \(Get-Date\)\.AddDays\(-7\) \| Get-PromoTrack'
    }

    It 'runs block <Number> against the emulator' -ForEach $Blocks {
        if ($NeedsSave -and -not (Get-Command Save-PromoTrack -Module PromoOnly -ErrorAction SilentlyContinue)) {
            Set-ItResult -Skipped -Because 'Save-PromoTrack is not in this build of the module'
            return
        }
        $homeDir = Join-Path $TestDrive "home$Number"
        $null = New-Item -ItemType Directory -Path $homeDir
        $prelude = "`$ErrorActionPreference = 'Stop'; Import-Module '$ModulePath'; " +
            "Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString $DemoTokenText -AsPlainText -Force)`n"
        $out = Invoke-FreshPwsh -Script ($prelude + $Code) -WorkingDirectory $homeDir -Environment @{
            PROMOONLY_API_BASE_URI = $Emulator.BaseUri.AbsoluteUri
            HOME                   = $homeDir
            USERPROFILE            = $homeDir
        }

        $out | Should -Not -BeNullOrEmpty -Because 'every block shows or writes something'
        if ($Code -match 'Export-Csv (\S+)') {
            $rows = Import-Csv (Join-Path $homeDir $Matches[1])
            $rows | Should -Not -BeNullOrEmpty
            $rows[0].TrackId | Should -Match '^2\d{5}$'
        }
        if ($NeedsSave) {
            @(Get-ChildItem (Join-Path $homeDir 'Music/Pool') -File) | Should -Not -BeNullOrEmpty
        }
    }
}

# The emulator's fault tracks answer /track/versions with their shapes too.
Describe 'Catalogue answers that are not what the contract promises' {
    It 'reports a message object where a list was expected as ApiRefused quoting the server' {
        $versions = Get-PromoTrackVersion 900002, 200011 -ErrorVariable failed -ErrorAction SilentlyContinue

        $versions | Should -Not -BeNullOrEmpty -Because 'the next track carries on'
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.GetPromoTrackVersionCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failed[0].TargetObject | Should -Be 900002
        "$($failed[0])" | Should -Match "Daily download limit reached\."
    }

    It 'reports <Shape> as InvalidApiResponse, quoting at most a few hundred characters' -ForEach @(
        @{ Shape = 'an HTML page'; Id = 900001 }, @{ Shape = 'truncated JSON'; Id = 900003 }, @{ Shape = 'an empty body'; Id = 900004 }
    ) {
        $null = Get-PromoTrackVersion $Id -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.GetPromoTrackVersionCommand'
        $failed[0].TargetObject | Should -Be $Id
        $failed[0].Exception.Message.Length | Should -BeLessThan 600
    }

    It 'retries a throttled request, then warns about entries it cannot use' {
        Clear-EmulatorStat $Emulator
        # 900012 answers 429 with Retry-After: 1 twice, then a list whose entries carry no track id.
        $versions = Get-PromoTrackVersion 900012 -ErrorVariable failed -WarningVariable warned -WarningAction SilentlyContinue

        $versions | Should -BeNullOrEmpty
        $failed | Should -BeNullOrEmpty
        "$warned" | Should -Match '1 entry without a usable id'
        (Get-EmulatorStat $Emulator).versions | Should -Be 3
    }

    It 'stops a request that never ends when the pipeline is stopped (Ctrl+C)' {
        Clear-EmulatorStat $Emulator
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$ModulePath'; Get-PromoTrackVersion 900011")
        $handle = $ps.BeginInvoke()
        # The request log writes an entry when the answer starts, which never happens here; the counter counts arrivals.
        Wait-Until { (Get-EmulatorStat $Emulator).versions -gt 0 -or $handle.IsCompleted }
        $handle.IsCompleted | Should -BeFalse -Because 'the hang track never answers'

        # Stop() is what Ctrl+C does; the guard only catches a hang, it does not time the stop.
        $stopping = $ps.BeginStop($null, $null)
        $stopping.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
    }
}

# The live API may decline with HTTP 200 and a message (API.md, our decisions); --bad-token-as-result
# makes the emulator answer bad tokens that way on the catalogue endpoints too.
Describe 'Catalogue calls declined with a message' {
    BeforeAll {
        $script:Declining = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--bad-token-as-result'
    }

    AfterAll {
        Stop-PoolEmulator $Declining
    }

    It 'renews once, then reports the account''s state as ApiRefused, and the next track carries on' {
        $apiKey = [pscredential]::new('demo-api-key', (ConvertTo-SecureString 'demo-api-secret' -AsPlainText -Force))
        $session = Connect-PromoOnly -UserId 1 -ApiCredential $apiKey -ApiBaseUri $Declining.BaseUri -DoNotSetDefault -PassThru
        Clear-EmulatorStat $Declining

        $versions = Get-PromoTrackVersion 900002, 200011 -Session $session -ErrorVariable failed -ErrorAction SilentlyContinue

        $versions | Should -Not -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.GetPromoTrackVersionCommand'
        $failed[0].TargetObject | Should -Be 900002
        "$($failed[0])" | Should -BeLike "*'Daily download limit reached.'*"
        (Get-EmulatorStat $Declining).authenticate | Should -Be 1
    }

    It 'quotes the message for a supplied token the server declines' {
        $bad = Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString 'ffffffffffffffffffffffffffffffff' -AsPlainText -Force) -ApiBaseUri $Declining.BaseUri -SkipValidation -DoNotSetDefault -PassThru

        $null = Get-PromoFileFormat -Session $bad -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.GetPromoFileFormatCommand'
        "$($failed[0])" | Should -BeLike "*'Invalid user id or access token.'*"
    }
}
