# Issue 16, point 12: media requests try https:// first, fall back to http:// only where a host
# shows no TLS at all (remembered per host for the session, warned once per host off this
# machine), never past an untrusted certificate, and not at all under -RequireHttps. The
# emulator's media-tls serves https with a certificate made at its start (973001..973099 list
# only it); the other media hosts are plain http and count the TLS hellos they receive.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    $script:CertificateFile = Join-Path $TestDrive 'emulator-media-tls.pem'
    Invoke-WebRequest ([uri]::new($Emulator.BaseUri, '_emulator/certificate')) -OutFile $CertificateFile
    $script:MediaHost = @{}
    foreach ($media in (Invoke-RestMethod ([uri]::new($Emulator.BaseUri, '_emulator/media')))) {
        $MediaHost[$media.name] = $media.host
    }

    function New-Folder([string] $Name) {
        (New-Item -ItemType Directory -Path (Join-Path $TestDrive $Name) -Force).FullName
    }

    function Get-Expected([long] $TrackId) {
        Invoke-RestMethod ([uri]::new($Emulator.BaseUri, "_emulator/media/$TrackId"))
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Save-PromoTrack and https on media hosts' {
    BeforeEach {
        Clear-EmulatorStat $Emulator
        Clear-EmulatorRequest $Emulator
    }

    It 'asks a plain-http host for https once per session, then uses http without a warning (loopback)' {
        # 990007 lists media-norange only, so exactly one host is involved.
        $session = Connect-PromoOnly -UserId $DemoUserId -Token (New-DemoToken) -DoNotSetDefault -NoWelcome

        $first = Save-PromoTrack 990007 -Path (New-Folder 'scheme-1') -Session $session -WarningVariable warned
        $again = Save-PromoTrack 990007 -Path (New-Folder 'scheme-2') -Session $session -WarningVariable warnedAgain

        $first.Status, $again.Status | Should -Be 'Saved', 'Saved'
        $warned + $warnedAgain | Should -BeNullOrEmpty
        (Get-EmulatorStat $Emulator).mediaTlsHellos | Should -Be 1
        $fresh = Connect-PromoOnly -UserId $DemoUserId -Token (New-DemoToken) -DoNotSetDefault -NoWelcome
        $null = Save-PromoTrack 990007 -Path (New-Folder 'scheme-3') -Session $fresh
        (Get-EmulatorStat $Emulator).mediaTlsHellos | Should -Be 2
    }

    It 'does not fall back to http when a host''s certificate is not trusted' {
        # This process does not trust the emulator's certificate.
        $folder = New-Folder 'untrusted'

        $result = Save-PromoTrack 973001 -Path $folder -ErrorVariable failed -ErrorAction SilentlyContinue -WarningVariable warned

        $result | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DownloadFailed,*'
        $failed[0].Exception.Message | Should -BeLike "*$($MediaHost['media-tls'])*certificate is not trusted*"
        $warned | Should -BeNullOrEmpty
        (Get-EmulatorStat $Emulator).mediaRequests | Should -Be 0
        Get-ChildItem -LiteralPath $folder -Filter *.mp3 | Should -BeNullOrEmpty
    }

    It 'downloads over https in a process that trusts the emulator''s certificate (SSL_CERT_FILE)' -Skip:(-not $IsLinux) {
        $folder = New-Folder 'trusted'
        $script = "Import-Module '$ModulePath'; Connect-PromoOnly -UserId $DemoUserId -Token (ConvertTo-SecureString '$DemoTokenText' -AsPlainText -Force) -NoWelcome; " +
            "`$r = Save-PromoTrack 973002 -Path '$folder' -WarningVariable w -ErrorVariable e -ErrorAction SilentlyContinue 3>`$null; " +
            "[pscustomobject]@{ Status = [string]`$r.Status; Sha256 = `$r.Sha256; Host = `$r.Host; Warnings = @(`$w).Count; Errors = (@(`$e) | ForEach-Object { `$_.Exception.Message }) -join ' | ' } | ConvertTo-Json -Compress"

        $result = Invoke-FreshPwsh -Script $script -Environment @{ SSL_CERT_FILE = $CertificateFile } | ConvertFrom-Json

        $result.Errors | Should -BeNullOrEmpty
        $result.Status | Should -Be 'Saved'
        $result.Sha256 | Should -Be (Get-Expected 973002).sha256
        $result.Host | Should -Be $MediaHost['media-tls']
        $result.Warnings | Should -Be 0
        $media = @(Get-EmulatorRequest $Emulator | Where-Object { $_.mirror -eq 'media-tls' -and $_.path -like '/pool/v5/download/*' })
        $media | Should -HaveCount 1
        $media[0].headers.Authorization | Should -BeLike 'Bearer *'
        (Get-EmulatorStat $Emulator).mediaTlsHellos | Should -Be 0
    }

    It 'with -RequireHttps refuses a host without https, sending it nothing over http' {
        $folder = New-Folder 'required'

        $result = Save-PromoTrack 990007 -Path $folder -RequireHttps -Session (Connect-PromoOnly -UserId $DemoUserId -Token (New-DemoToken) -DoNotSetDefault -NoWelcome) -ErrorVariable failed -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'HttpsNotOffered,*'
        $failed[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $failed[0].TargetObject | Should -Be 990007
        $failed[0].Exception.Message | Should -BeLike "*-RequireHttps*$($MediaHost['media-norange'])*"
        $stats = Get-EmulatorStat $Emulator
        $stats.mediaTlsHellos | Should -Be 1
        $stats.mediaRequests | Should -Be 0
    }
}
