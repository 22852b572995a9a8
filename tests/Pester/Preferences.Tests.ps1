# Contract section 7, preferences, against the emulator: release formats and the format filter, all
# options at once, and the file naming. Writes are checked by what the emulator received and kept:
# -WhatIf sends nothing, a refusal is quoted, a second run changes nothing.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator

    $faults = '/user/formats=truncated,/user/save/format_filters=html,/user/options=empty,/user/filenaming=truncated,/user/save/filenaming=empty'
    $script:Faulty = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--bad-token-as-result', '--endpoint-fault', $faults
    $script:FaultySession = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $Faulty.BaseUri -DoNotSetDefault -SkipValidation
    $script:Declined = Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString ('f' * 32) -AsPlainText -Force) -ApiBaseUri $Faulty.BaseUri -DoNotSetDefault -SkipValidation

    function Reset-AccountState {
        $null = Invoke-RestMethod -Method Delete -Uri ([uri]::new($Emulator.BaseUri, '_emulator/account-state'))
    }

    function Get-PostedForm([string] $Path) {
        @(Get-EmulatorRequest $Emulator | Where-Object { $_.method -eq 'POST' -and $_.path -eq $Path } | ForEach-Object form)
    }

}

AfterAll {
    Stop-PoolEmulator $Faulty
    Stop-TestEmulator $Emulator
}

Describe 'Get-PromoReleaseFormat and Set-PromoFormatFilter' {
    BeforeEach {
        Reset-AccountState
        Clear-EmulatorRequest $Emulator
    }

    It 'lists the release formats, format 0 included' {
        $formats = Get-PromoReleaseFormat

        $formats | ForEach-Object { $_ | Should -BeOfType ([PromoOnly.ReleaseFormat]) }
        $formats[0].Id | Should -Be 0
        $formats[0].Name | Should -Be 'All Promo Only Formats'
    }

    It 'hides the formats given, in one request, and writes them with their names' {
        $hidden = Set-PromoFormatFilter -HideFormatId 5, 1, 5

        $hidden.Id | Should -Be @(1, 5)
        $hidden.Name | Should -Be @('Hot Video', 'Club Video')
        (Get-PostedForm '/user/save/format_filters').hide_formats | Should -Be '1,5'
        (Get-PromoPreference).Other['hide_formats'] | Should -Be '1,5'
    }

    It 'binds ReleaseFormat objects by Id and saves everything piped together' {
        $hidden = Get-PromoReleaseFormat | Where-Object Name -Like '*Video*' | Set-PromoFormatFilter

        $hidden.Id | Should -Be @(1, 3, 5)
        @(Get-PostedForm '/user/save/format_filters') | Should -HaveCount 1
    }

    It 'can be run again with the same result, and shows every format with an empty list' {
        $first = Set-PromoFormatFilter -HideFormatId 3
        $second = Set-PromoFormatFilter -HideFormatId 3
        $none = Set-PromoFormatFilter -HideFormatId @()

        $second.Id | Should -Be $first.Id
        $none | Should -BeNullOrEmpty
        (Get-PostedForm '/user/save/format_filters')[-1].hide_formats | Should -Be ''
    }

    It 'saves nothing when the pipeline brings no format, keeping the filter the account has' {
        $null = Set-PromoFormatFilter -HideFormatId 1, 3
        Clear-EmulatorRequest $Emulator

        # Saving the empty list would show every format: an empty filter, not an empty pipeline, says that.
        $result = Get-PromoReleaseFormat | Where-Object Name -EQ 'No such format' | Set-PromoFormatFilter
        $null = Get-PromoChart | Set-PromoFormatFilter -ErrorVariable unbound -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $unbound | Should -Not -BeNullOrEmpty -Because 'a chart has no format id to bind'
        Get-PostedForm '/user/save/format_filters' | Should -BeNullOrEmpty
        (Get-PromoPreference).Other['hide_formats'] | Should -Be '1,3'
    }

    It 'sends nothing with -WhatIf' {
        Set-PromoFormatFilter -HideFormatId 1 -WhatIf

        Get-PostedForm '/user/save/format_filters' | Should -BeNullOrEmpty
    }

    It 'quotes the server when it refuses a format, and leaves the filter as it was' {
        $null = Set-PromoFormatFilter -HideFormatId 1
        $result = Set-PromoFormatFilter -HideFormatId 999 -ErrorVariable failed -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.SetPromoFormatFilterCommand'
        "$($failed[0])" | Should -Match "Unknown release format id '999'"
        (Get-PromoPreference).Other['hide_formats'] | Should -Be '1'
    }

    It 'reports malformed answers and the API declining' {
        $null = Get-PromoReleaseFormat -Session $FaultySession -ErrorVariable list -ErrorAction SilentlyContinue
        $null = Set-PromoFormatFilter -HideFormatId 1 -Session $FaultySession -ErrorVariable save -ErrorAction SilentlyContinue
        $null = Get-PromoReleaseFormat -Session $Declined -ErrorVariable declined -ErrorAction SilentlyContinue

        $list[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.GetPromoReleaseFormatCommand'
        $save[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.SetPromoFormatFilterCommand'
        $declined[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.GetPromoReleaseFormatCommand'
    }

    It 'shows formats in 80 columns' {
        Assert-View (Get-PromoReleaseFormat) 'Id', 'Name'
    }
}

Describe 'Get-PromoPreference' {
    It 'types the documented groups and keeps the other fields' {
        $options = Get-PromoPreference

        $options | Should -BeOfType ([PromoOnly.Preference])
        $options.Charts[0] | Should -BeOfType ([PromoOnly.Chart])
        $options.DownloadFormats.Extension | Should -Contain '.mp3'
        $options.FileNaming.Slots[0].Field | Should -Be 'Artist'
        $options.Other.Keys | Should -Contain 'hide_formats'
        ($options | Out-String -Width 80) | Should -Match 'FileNaming\s+:\s+Artist - Title Mix \( \)'
    }

    It 'reports a malformed answer and the API declining' {
        $null = Get-PromoPreference -Session $FaultySession -ErrorVariable malformed -ErrorAction SilentlyContinue
        $null = Get-PromoPreference -Session $Declined -ErrorVariable declined -ErrorAction SilentlyContinue

        $malformed[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.GetPromoPreferenceCommand'
        $declined[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.GetPromoPreferenceCommand'
    }
}

Describe 'Get-PromoFileNaming and Set-PromoFileNaming' {
    BeforeEach {
        Reset-AccountState
        Clear-EmulatorRequest $Emulator
    }

    It 'gets five slots with their choices' {
        $naming = Get-PromoFileNaming

        $naming | Should -BeOfType ([PromoOnly.FileNaming])
        $naming.Slots | Should -HaveCount 5
        $naming.Slots.Field | Should -Be @('Artist', 'Title', 'Mix', '', '')
        $naming.Slots[0].FieldChoices | Should -Contain 'BPM'
        $naming.Slots[4].ModifierChoices | Should -Be @('( )')
    }

    It 'changes one slot by name and keeps the others, sending all fifteen fields' {
        Set-PromoFileNaming -Slot 4 -Field bpm -Modifier '_' -AllCaps $true

        $form = (Get-PostedForm '/user/save/filenaming')[0]
        $form.fn1 | Should -Be '2'
        $form.fn3_mod | Should -Be '3'
        $form.fn4 | Should -Be '5'
        $form.fn4_mod | Should -Be '2'
        $form.fn4_caps | Should -Be '1'
        @($form.PSObject.Properties.Name | Where-Object { $_ -like 'fn*' }) | Should -HaveCount 15
        "$(Get-PromoFileNaming)" | Should -Be 'Artist - Title Mix ( ) BPM _'
    }

    It 'takes piped slot changes as one save' {
        @(
            [pscustomobject]@{ Slot = 1; Field = 'Title'; Modifier = '-' }
            [pscustomobject]@{ Slot = 2; Field = 'Artist' }
        ) | Set-PromoFileNaming

        @(Get-PostedForm '/user/save/filenaming') | Should -HaveCount 1
        (Get-PromoFileNaming).Slots[0..1].Field | Should -Be @('Title', 'Artist')
    }

    It 'saves a changed FileNaming object, and saving it again changes nothing' {
        $naming = Get-PromoFileNaming
        $naming.Slots[2].Field = ''
        $naming.Slots[2].Modifier = ''

        $saved = $naming | Set-PromoFileNaming -PassThru
        $naming | Set-PromoFileNaming

        "$saved" | Should -Be 'Artist - Title'
        "$(Get-PromoFileNaming)" | Should -Be 'Artist - Title'
        (Get-PostedForm '/user/save/filenaming').fn3 | Should -Be @('0', '0')
    }

    It 'sends nothing, not even a read, when the pipeline brings no slot change' {
        $changes = @([pscustomobject]@{ Slot = 1; Field = 'Mix' }) | Where-Object Slot -GT 5
        Clear-EmulatorRequest $Emulator

        $changes | Set-PromoFileNaming -PassThru | Should -BeNullOrEmpty

        Get-EmulatorRequest $Emulator | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf' {
        Set-PromoFileNaming -Slot 1 -Field Mix -WhatIf

        Get-PostedForm '/user/save/filenaming' | Should -BeNullOrEmpty
        (Get-PromoFileNaming).Slots[0].Field | Should -Be 'Artist'
    }

    It 'refuses a choice the slot does not offer before sending anything, listing the choices' {
        { Set-PromoFileNaming -Slot 5 -Field Title -Modifier '-' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidFileNaming,PromoOnly.Commands.SetPromoFileNamingCommand' -ExpectedMessage "*Slot 5 has no modifier '-'*'( )'*"
        Get-PostedForm '/user/save/filenaming' | Should -BeNullOrEmpty
    }

    It 'quotes the server when it declines the save' {
        $naming = Get-PromoFileNaming
        $result = $naming | Set-PromoFileNaming -Session $Declined -PassThru -ErrorVariable failed -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.SetPromoFileNamingCommand'
        "$($failed[0])" | Should -Match 'Invalid user id or access token'
        (Get-EmulatorRequest $Faulty | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/user/save/filenaming' }) | Should -Not -BeNullOrEmpty
    }

    It 'reports malformed answers and the API declining' {
        $null = Get-PromoFileNaming -Session $FaultySession -ErrorVariable get -ErrorAction SilentlyContinue
        $null = Set-PromoFileNaming -Slot 1 -Field Title -Session $FaultySession -ErrorVariable set -ErrorAction SilentlyContinue
        $null = Get-PromoFileNaming -Session $Declined -ErrorVariable declined -ErrorAction SilentlyContinue

        $get[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.GetPromoFileNamingCommand'
        $set[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.SetPromoFileNamingCommand'
        $declined[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.GetPromoFileNamingCommand'
    }

    It 'shows the naming and its slots in 80 columns' {
        Assert-View (Get-PromoFileNaming) 'Slot1', 'Slot2', 'Slot3', 'Slot4', 'Slot5'
        Assert-View (Get-PromoFileNaming).Slots 'Slot', 'Field', 'Modifier', 'AllCaps'
    }
}
