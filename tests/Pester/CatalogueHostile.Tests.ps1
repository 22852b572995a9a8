# The catalogue against a server that misbehaves in ways a plain emulator does not: pages that
# repeat (--repeat-pages) and queries that could walk out of their path segment.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -ArgumentList '--repeat-pages'
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'A server that answers every page with the first one' {
    BeforeEach { Clear-EmulatorStat $Emulator }

    It 'ends Get-PromoRelease -Since at the repeat, each release once, with a warning' {
        $releases = Get-PromoRelease -Since 2000-01-01 -WarningVariable warned -WarningAction SilentlyContinue

        # The first page holds 15 dates of 3 to 5 releases each.
        $releases.Count | Should -BeGreaterThan 40
        @($releases.ReleaseId | Sort-Object -Unique).Count | Should -Be $releases.Count
        (Get-EmulatorStat $Emulator).releasePages | Should -Be 2
        $warned | Should -HaveCount 1
        "$warned" | Should -Match 'page 2 of the release list with no entry it had not sent before'
    }

    It 'ends Get-PromoDownloadHistory at the repeat, each line once, with a warning' {
        $history = Get-PromoDownloadHistory -WarningVariable warned -WarningAction SilentlyContinue

        $history | Should -HaveCount 20
        (Get-EmulatorStat $Emulator).historyPages | Should -Be 2
        "$warned" | Should -Match 'page 2 of the download history'
    }
}

Describe 'Text that would walk out of its path segment' {
    BeforeEach { Clear-EmulatorRequest $Emulator }

    It 'refuses Find-PromoTrack -Query <Query> with InvalidSearch and sends nothing' -ForEach @(
        @{ Query = '..' }, @{ Query = '.' }, @{ Query = ' .. ' }
    ) {
        { Find-PromoTrack -Query $Query -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSearch,*'
        @(Get-EmulatorRequest $Emulator) | Should -HaveCount 0
    }

    It 'sends dots inside a longer query or a field as one segment' {
        Find-PromoTrack -Query '...' | Should -BeNullOrEmpty
        Find-PromoTrack -Artist '..' | Should -BeNullOrEmpty
        (Get-EmulatorRequest $Emulator).path | Should -Be @('/qsearch/...', '/search/artist:..')
    }
}
