# Issue 16, points 5 and 10: a saved file is a whole track, proven, never a message or a bomb.
# The emulator's fault tracks 990031..990036 serve the bodies (README, download fault tracks);
# media-raw frames its bodies by closing the connection, as Kestrel never would.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator

    function Get-Expected([long] $TrackId) {
        Invoke-RestMethod ([uri]::new($Emulator.BaseUri, "_emulator/media/$TrackId"))
    }

    function Get-MediaRequest {
        Get-EmulatorRequest $Emulator | Where-Object { $_.mirror -like 'media-*' -and $_.path -like '/pool/v5/download/*' }
    }

    function New-Folder([string] $Name) {
        (New-Item -ItemType Directory -Path (Join-Path $TestDrive $Name) -Force).FullName
    }

    # What a failed track left in its folder, the module's own record and lock aside.
    function Get-Leftover([string] $Folder) {
        Get-ChildItem -LiteralPath $Folder -Force | Where-Object Name -NotLike '.promoonly-*'
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Save-PromoTrack and what a media body must prove' {
    BeforeEach {
        Clear-EmulatorStat $Emulator
        Clear-EmulatorRequest $Emulator
    }

    It 'asks every media host for the body as sent (Accept-Encoding: identity)' {
        $null = Save-PromoTrack 123401, 123402 -Path (New-Folder 'identity')

        $media = @(Get-MediaRequest)
        $media.Count | Should -BeGreaterOrEqual 2
        $media | ForEach-Object { $_.headers.'Accept-Encoding' | Should -Be 'identity' }
    }

    It 'refuses <What> served as <Type>, quoting it: no file, no success signal' -TestCases @(
        @{ TrackId = 990031; What = 'a JSON message'; Type = 'audio/mpeg'; Quote = '*Invalid download token*' }
        @{ TrackId = 990032; What = 'an HTML page'; Type = 'application/octet-stream'; Quote = '*Download limit reached*' }
    ) {
        $folder = New-Folder "message-$TrackId"

        $result = Save-PromoTrack $TrackId -Path $folder -ErrorVariable failed -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidMediaResponse,*'
        $failed[0].TargetObject | Should -Be $TrackId
        $failed[0].Exception.Message | Should -BeLike $Quote
        Get-Leftover $folder | Should -BeNullOrEmpty
        (Get-EmulatorStat $Emulator).success | Should -Be 0
    }

    It 'refuses a gzip body sent although identity was asked for, instead of unpacking 60 MiB from 60 KB' {
        $folder = New-Folder 'bomb'

        $result = Save-PromoTrack 990033 -Path $folder -ErrorVariable failed -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DownloadFailed,*'
        $failed[0].Exception.Message | Should -BeLike '*Content-Encoding*gzip*'
        Get-Leftover $folder | Should -BeNullOrEmpty
        (Get-EmulatorStat $Emulator).success | Should -Be 0
    }

    It 'saves a chunked body without Content-Length, proven by its framing' {
        $result = Save-PromoTrack 990034 -Path (New-Folder 'chunked')

        $result.Status | Should -Be 'Saved'
        $result.Sha256 | Should -Be (Get-Expected 990034).sha256
        (Get-MediaRequest)[0].status | Should -Be 200
    }

    It 'stops a body without length at -MaxFileSize and keeps nothing of it' {
        $folder = New-Folder 'capped'

        $result = Save-PromoTrack 990034 -Path $folder -MaxFileSize 100KB -ErrorVariable failed -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidMediaResponse,*'
        $failed[0].Exception.Message | Should -BeLike '*-MaxFileSize*'
        Get-Leftover $folder | Should -BeNullOrEmpty
    }

    It 'refuses an announced length over -MaxFileSize before writing a byte' {
        $folder = New-Folder 'announced'

        $null = Save-PromoTrack 123401 -Path $folder -MaxFileSize 1KB -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidMediaResponse,*'
        $failed[0].Exception.Message | Should -BeLike "*$((Get-Expected 123401).size) bytes*"
        Get-Leftover $folder | Should -BeNullOrEmpty
    }

    It 'never completes a file from a 206 "bytes N-M/*" cut short; it starts over and saves the whole track' {
        $result = Save-PromoTrack 990035 -Path (New-Folder 'open-total')

        $expected = Get-Expected 990035
        $result.Length | Should -Be $expected.size
        $result.Sha256 | Should -Be $expected.sha256
        $result.Resumed | Should -BeFalse
        $media = @(Get-MediaRequest)
        $media.status | Should -Be @(200, 206, 200)
        $media[1].headers.Range | Should -Match '^bytes=[1-9]\d*-$'
        $media[2].headers.PSObject.Properties.Name | Should -Not -Contain 'Range'
    }

    It 'does not take a body that simply stops, without length or chunking, for a whole file' {
        $folder = New-Folder 'close-delimited'

        $result = Save-PromoTrack 990036 -Path $folder -ErrorVariable failed -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DownloadFailed,*'
        $failed[0].Exception.Message | Should -BeLike '*neither a Content-Length nor chunked*'
        Get-ChildItem -LiteralPath $folder -Filter *.mp3 | Should -BeNullOrEmpty
        (Get-EmulatorStat $Emulator).success | Should -Be 0
    }

    It 'removes the partial file and says so when there is no room left for it' -Skip:(-not $IsLinux) {
        # A file-size limit (ulimit -f, 2 MiB) in a child pwsh: writes past it fail as on a full disk.
        # SIGXFSZ is ignored so the write fails instead of killing the process; W^X is off because
        # .NET maps its code through files that the same limit would cap.
        $folder = New-Folder 'no-room'
        $script = "Import-Module '$ModulePath'; Connect-PromoOnly -UserId $DemoUserId -Token (ConvertTo-SecureString '$DemoTokenText' -AsPlainText -Force); " +
            "Save-PromoTrack 971001 -Path '$folder' -ErrorVariable failed -ErrorAction SilentlyContinue; " +
            "`$failed | ForEach-Object { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        $pwsh = [Environment]::ProcessPath
        $arguments = if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { "'$(Join-Path $PSHOME 'pwsh.dll')'" } else { '' }
        $env:PROMOONLY_API_BASE_URI | Should -Not -BeNullOrEmpty
        $output = bash -c "export DOTNET_EnableWriteXorExecute=0; trap '' XFSZ; ulimit -f 2048; exec '$pwsh' $arguments -NoProfile -NonInteractive -Command `"`$0`"" $script

        $output[0] | Should -BeLike 'DownloadWriteFailed,*'
        $output[1] | Should -BeLike '*no room*'
        $output[1] | Should -BeLike '*was removed*'
        Get-Leftover $folder | Should -BeNullOrEmpty
        (Get-EmulatorStat $Emulator).success | Should -Be 0
    }
}
