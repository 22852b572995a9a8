# Issue 16, point 13: dead mirrors cost a few timeouts, not minutes, and a hostile list of hosts
# makes one error per track. The emulator's silent mirrors accept connections and never answer;
# tracks 951001 (then media-a) and 951501 (nothing else) list all 40 of them.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -ArgumentList '--silent-mirrors', '40'
    $script:MediaA = foreach ($media in (Invoke-RestMethod ([uri]::new($Emulator.BaseUri, '_emulator/media')))) { if ($media.name -eq 'media-a') { $media.host } }

    function New-Folder([string] $Name) {
        (New-Item -ItemType Directory -Path (Join-Path $TestDrive $Name) -Force).FullName
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Save-PromoTrack with many mirrors' {
    BeforeEach {
        Clear-EmulatorStat $Emulator
    }

    It 'finds the one working mirror behind 40 hanging ones, without a request to any of them' {
        $result = Save-PromoTrack 951001 -Path (New-Folder 'behind') -TimeoutSec 2

        $result.Status | Should -Be 'Saved'
        $result.Host | Should -Be $MediaA
        (Get-EmulatorStat $Emulator).silentMediaRequests | Should -Be 0
    }

    It 'tries at most five of 40 hanging mirrors and reports the track once, naming what each did' {
        $result = Save-PromoTrack 951501 -Path (New-Folder 'hanging') -TimeoutSec 1 -MaxRetryCount 0 -ErrorVariable failed -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DownloadFailed,*'
        $failed[0].TargetObject | Should -Be 951501
        $failed[0].Exception.Message | Should -BeLike '*tried 5: 127.0.0.1:*no answer within 1 s*'
        $stats = Get-EmulatorStat $Emulator
        $stats.silentMediaRequests | Should -BeLessOrEqual 5
        $stats.silentTlsHellos | Should -BeLessOrEqual 5
    }

    It 'summarises 10,000 unusable hosts in one error and saves from the usable one' {
        $result = Save-PromoTrack 990037 -Path (New-Folder 'many') -ErrorVariable failed -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'Saved'
        $result.Host | Should -Be $MediaA
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidServerHost,*'
        $failed[0].TargetObject | Should -Be 990037
        $failed[0].Exception.Message | Should -BeLike '*5,000 hosts that are not a plain DNS host name*5,000 hosts outside loopback*'
    }
}

Describe 'Connect-PromoOnly -TrustedMediaHost' {
    It 'keeps the trusted hosts on the session' {
        $session = Connect-PromoOnly -UserId $DemoUserId -Token (New-DemoToken) -TrustedMediaHost 'media.example.net', '*.cdn.example.net' -DoNotSetDefault -NoWelcome

        $session.TrustedMediaHosts | Should -Be @('media.example.net', '*.cdn.example.net')
    }

    It 'refuses <Pattern> before connecting' -TestCases @(
        @{ Pattern = 'https://media.example.net' }
        @{ Pattern = 'media.example.net:8080' }
        @{ Pattern = '*' }
    ) {
        { Connect-PromoOnly -UserId $DemoUserId -Token (New-DemoToken) -TrustedMediaHost $Pattern -DoNotSetDefault -NoWelcome } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*is not a host name*'
    }
}

