# Save-PromoTrack end to end (issue 10): the emulator's loopback media hosts serve deterministic
# content per track, so every saved file can be checked byte for byte against what it should be.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    $script:Media = @{}
    foreach ($host_ in (Invoke-RestMethod ([uri]::new($Emulator.BaseUri, '_emulator/media')))) {
        $Media[$host_.name] = $host_
    }

    function Get-Expected([long] $TrackId) {
        Invoke-RestMethod ([uri]::new($Emulator.BaseUri, "_emulator/media/$TrackId"))
    }

    function Get-SuccessSignal {
        foreach ($signal in (Invoke-RestMethod ([uri]::new($Emulator.BaseUri, '_emulator/downloads')))) {
            $signal
        }
    }

    function Get-MediaRequest([long] $TrackId) {
        Get-EmulatorRequest $Emulator | Where-Object { $_.mirror -like 'media-*' }
    }

    function New-Folder([string] $Name) {
        (New-Item -ItemType Directory -Path (Join-Path $TestDrive $Name) -Force).FullName
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Save-PromoTrack' {
    BeforeEach {
        Clear-EmulatorStat $Emulator
        Clear-EmulatorRequest $Emulator
    }

    It 'saves a file whose SHA-256 is the emulator''s content, and reports it once with the right ids' {
        $folder = New-Folder 'basic'

        $saved = Save-PromoTrack 123401, 123405 -Path $folder

        $saved | Should -HaveCount 2
        foreach ($result in $saved) {
            $expected = Get-Expected $result.TrackId
            $result.Status | Should -Be 'Saved'
            $result.Length | Should -Be $expected.size
            $result.Sha256 | Should -Be $expected.sha256
            (Get-FileHash -Algorithm SHA256 -LiteralPath $result.Path).Hash.ToLowerInvariant() | Should -Be $expected.sha256
            (Split-Path $result.Path -Parent) | Should -Be $folder
            $result.Acknowledged | Should -BeTrue
        }
        $saved[0].Name | Should -Be 'The Weeknd - Track 123401 (Dirty).mp3'
        $saved[1].Name | Should -Be 'PO_123405_Daft Punk.mp3'   # the server's Content-Disposition name

        $signals = @(Get-SuccessSignal)
        $signals | Should -HaveCount 2
        $queued = @(Get-EmulatorRequest $Emulator | Where-Object path -like '/download/queue/*')
        $queued | Should -HaveCount 2
        foreach ($result in $saved) {
            $signal = @($signals | Where-Object trackid -EQ "$($result.TrackId)")
            $signal | Should -HaveCount 1
            $signal.serverid | Should -Be "$($result.ServerId)"
            $Media.Values.Where({ $_.host -eq $result.Host }).id | Should -Be $result.ServerId
            $mediaPath = @(Get-EmulatorRequest $Emulator | Where-Object { $_.mirror -and $_.path -like '/pool/v5/download/*' -and $_.status -eq 200 }).path
            $mediaPath | Should -Contain "/pool/v5/download/$($signal.dl_token)"
        }
        Get-ChildItem $folder -Filter *.partial -Force | Should -BeNullOrEmpty
    }

    It 'takes the server id from GET /download/server when the queue lists plain host names' {
        $result = Save-PromoTrack 960002 -Path (New-Folder 'plain')

        $result.ServerId | Should -BeIn @($Media['media-a'].id, $Media['media-b'].id)
        (Get-SuccessSignal).serverid | Should -Be "$($result.ServerId)"
        @(Get-EmulatorRequest $Emulator | Where-Object path -EQ '/download/server/960002') | Should -HaveCount 1
    }

    It 'resumes a body cut mid-file from the right offset, byte-identical' {
        $result = Save-PromoTrack 990001 -Path (New-Folder 'cut')

        $result.Sha256 | Should -Be (Get-Expected 990001).sha256
        $result.Resumed | Should -BeTrue
        $media = @(Get-EmulatorRequest $Emulator | Where-Object { $_.mirror -like 'media-*' -and $_.path -like '/pool/v5/download/*' })
        $media | Should -HaveCount 2
        $media[0].headers.PSObject.Properties.Name | Should -Not -Contain 'Range'
        # The emulator cuts after 100,000 bytes; the client continues from what reached its file.
        $media[1].headers.Range -match '^bytes=([1-9]\d*)-$' | Should -BeTrue
        [long]$Matches[1] | Should -BeLessOrEqual 100000
        $media[1].status | Should -Be 206
        @(Get-SuccessSignal) | Should -HaveCount 1
    }

    It 'starts over cleanly on a mirror without Range support' {
        $result = Save-PromoTrack 990007 -Path (New-Folder 'norange')

        $result.Sha256 | Should -Be (Get-Expected 990007).sha256
        $result.Length | Should -Be (Get-Expected 990007).size
        $result.Resumed | Should -BeFalse
        $media = @(Get-EmulatorRequest $Emulator | Where-Object { $_.mirror -eq 'media-norange' -and $_.path -like '/pool/v5/download/*' })
        $media.Count | Should -BeGreaterOrEqual 2
        $media[1].headers.Range | Should -Match '^bytes=[1-9]\d*-$'
        $media[1].status | Should -Be 200
    }

    It 'moves on to the second mirror when the first refuses connections' {
        $result = Save-PromoTrack 990004 -Path (New-Folder 'dead') -Verbose 4>&1 | Where-Object { $_ -is [PromoOnly.TrackDownload] }

        $result.Host | Should -Not -Be $Media['media-dead'].host
        $result.Sha256 | Should -Be (Get-Expected 990004).sha256
        (Get-SuccessSignal).serverid | Should -Be "$($result.ServerId)"
    }

    It 'queues once more for a fresh token when a media host refuses the dl_token' {
        $result = Save-PromoTrack 990005 -Path (New-Folder 'refused')

        $result.Sha256 | Should -Be (Get-Expected 990005).sha256
        @(Get-EmulatorRequest $Emulator | Where-Object path -EQ '/download/queue/990005') | Should -HaveCount 2
        @(Get-SuccessSignal) | Should -HaveCount 1
    }

    It 'refuses an HTML page served as media: error quoting it, no file, no signal' {
        $folder = New-Folder 'html'

        $result = Save-PromoTrack 990002 -Path $folder -ErrorVariable failed -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidMediaResponse,*'
        $failed[0].TargetObject | Should -Be 990002
        $failed[0].Exception.Message | Should -BeLike '*Download limit reached*'
        Get-ChildItem $folder -File | Where-Object Name -NotLike '.promoonly-*' | Should -BeNullOrEmpty
        @(Get-SuccessSignal) | Should -HaveCount 0
        (Get-EmulatorStat $Emulator).success | Should -Be 0
    }

    It 'keeps the file and says so when the success signal fails' {
        $result = Save-PromoTrack 990006 -Path (New-Folder 'unacked') -MaxRetryCount 1 -ErrorVariable failed -ErrorAction SilentlyContinue

        $result.Acknowledged | Should -BeFalse
        Test-Path -LiteralPath $result.Path | Should -BeTrue
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DownloadNotAcknowledged,*'
        $failed[0].TargetObject | Should -Be 990006
    }

    It 'sends nothing that changes state under -WhatIf' {
        $folder = Join-Path $TestDrive 'whatif'

        Save-PromoTrack 123401, 123402 -Path $folder -WhatIf

        $stats = Get-EmulatorStat $Emulator
        $stats.queue | Should -Be 0
        $stats.success | Should -Be 0
        $stats.mediaRequests | Should -Be 0
        Test-Path $folder | Should -BeFalse
    }

    It 'skips saved tracks on a re-run without queueing, and downloads again what is gone or forced' {
        $folder = New-Folder 'rerun'
        $first = Save-PromoTrack 123402, 123403 -Path $folder
        Clear-EmulatorStat $Emulator

        $second = Save-PromoTrack 123402, 123403 -Path $folder -Verbose 4>&1
        $skipped = $second | Where-Object { $_ -is [PromoOnly.TrackDownload] }
        $skipped.Status | Should -Be @('Skipped', 'Skipped')
        $skipped.Path | Should -Be $first.Path
        ($second | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -BeLike '*skipped*'
        (Get-EmulatorStat $Emulator).queue | Should -Be 0

        Remove-Item -LiteralPath $first[0].Path
        $third = Save-PromoTrack 123402, 123403 -Path $folder
        $third.Status | Should -Be @('Saved', 'Skipped')
        $forced = Save-PromoTrack 123403 -Path $folder -Force
        $forced.Status | Should -Be 'Saved'
        $forced.Path | Should -Be $first[1].Path
        (Get-EmulatorStat $Emulator).queue | Should -Be 2

        # One line per save (four saves), the last line of a track winning; compaction waits until
        # many lines are superseded, so the record is read the way Save-PromoTrack reads it.
        $record = @(Get-Content (Join-Path $folder '.promoonly-downloads.jsonl') | ConvertFrom-Json)
        $record | Should -HaveCount 4
        $latest = @($record | Group-Object trackId | ForEach-Object { $_.Group[-1] })
        $latest.trackId | Sort-Object | Should -Be @(123402, 123403)
        ($latest | Where-Object trackId -EQ 123403).sha256 | Should -Be (Get-Expected 123403).sha256
    }

    It 'keeps hostile Content-Disposition names inside the folder' {
        $folder = New-Folder 'hostile'

        $saved = Save-PromoTrack 990011, 990012, 990014, 990015 -Path $folder

        $saved | Should -HaveCount 4
        foreach ($result in $saved) {
            (Split-Path $result.Path -Parent) | Should -Be $folder
            $result.Name.Length | Should -BeLessOrEqual 200
            $result.Name | Should -Not -Match '[\\/]'
            $result.Name | Should -Not -Match '^(CON|PRN|AUX|NUL)(\.|$)'
        }
        Get-ChildItem (Split-Path $folder -Parent) -File | Should -BeNullOrEmpty
        $saved[2].Name | Should -BeLike 'nnnn*.mp3'
    }

    It 'gives two tracks that map to one name distinct files' {
        $saved = Save-PromoTrack 990020, 990021 -Path (New-Folder 'collide')

        # Whichever finishes first takes the plain name; the other carries its track id.
        $saved | Should -HaveCount 2
        @($saved | Where-Object Name -EQ 'Collision - Same Name (Clean).mp3') | Should -HaveCount 1
        $suffixed = @($saved | Where-Object Name -NE 'Collision - Same Name (Clean).mp3')
        $suffixed | Should -HaveCount 1
        $suffixed[0].Name | Should -Be "Collision - Same Name (Clean) [$($suffixed[0].TrackId)].mp3"
        foreach ($result in $saved) {
            (Get-FileHash -Algorithm SHA256 -LiteralPath $result.Path).Hash.ToLowerInvariant() | Should -Be (Get-Expected $result.TrackId).sha256
        }
    }

    It 'sends the Authorization header only to the API and the listed media hosts, and refuses a foreign IP' {
        $saved = Save-PromoTrack 123401, 990004, 990008 -Path (New-Folder 'auth') -ErrorVariable failed -ErrorAction SilentlyContinue

        $saved | Should -HaveCount 3
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidServerHost,*'
        $failed[0].Exception.Message | Should -BeLike '*169.254.169.254*'
        $listed = $Media.Values.host
        foreach ($request in (Get-EmulatorRequest $Emulator)) {
            if ($request.headers.PSObject.Properties.Name -contains 'Authorization') {
                if ($request.mirror) {
                    $request.path | Should -BeLike '/pool/v5/download/*'
                    $Media[$request.mirror].host | Should -BeIn $listed
                }
            }
            elseif (-not $request.mirror) {
                throw "An API request without Authorization: $($request.path)"
            }
        }
        # Probes to rank the mirrors carry no credentials.
        Get-EmulatorRequest $Emulator | Where-Object { $_.mirror -and $_.method -eq 'HEAD' } |
            ForEach-Object { $_.headers.PSObject.Properties.Name | Should -Not -Contain 'Authorization' }
    }

    It 'takes Get-PromoDownloadServer output and saves each track once' {
        $saved = Get-PromoDownloadServer 123401, 123402 | Save-PromoTrack -Path (New-Folder 'from-lookup')

        # 123401 has three mirrors and 123402 one: two tracks, two files, two signals.
        $saved.TrackId | Should -Be @(123401, 123402)
        @(Get-SuccessSignal) | Should -HaveCount 2
        @(Get-EmulatorRequest $Emulator | Where-Object path -like '/download/queue/*') | Should -HaveCount 2
    }

    It 'saves the tracks of a catalogue release piped from Get-PromoTrack' {
        $tracks = @(Get-PromoRelease -First 1 | Get-PromoTrack | Select-Object -First 2)
        $tracks | Should -HaveCount 2

        $saved = $tracks | Save-PromoTrack -Path (New-Folder 'release')

        $saved.TrackId | Should -Be $tracks.TrackId
        foreach ($result in $saved) {
            $result.Sha256 | Should -Be (Get-Expected $result.TrackId).sha256
        }
    }

    It 'reports errors per track without stopping the others' {
        $saved = 123413, 123401, 123444 | Save-PromoTrack -Path (New-Folder 'errors') -ErrorVariable failed -ErrorAction SilentlyContinue

        $saved.TrackId | Should -Be 123401
        $failed.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be @('TrackNotInSubscription', 'TrackNotFound')
        $failed.TargetObject | Should -Be @(123413, 123444)
    }

    It 'fails a track it cannot write with an error naming the folder, and reports nothing for it' {
        $folder = New-Folder 'unwritable'
        # A directory where the .partial file must go: opening it for writing fails like a full or read-only disk.
        $null = New-Item -ItemType Directory -Path (Join-Path $folder '.promoonly-123401.partial')

        $saved = Save-PromoTrack 123401, 123402 -Path $folder -ErrorVariable failed -ErrorAction SilentlyContinue

        $saved.TrackId | Should -Be 123402
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DownloadWriteFailed,*'
        $failed[0].CategoryInfo.Category | Should -Be 'WriteError'
        $failed[0].TargetObject | Should -Be 123401
        $failed[0].Exception.Message | Should -BeLike "*$folder*"
        (Get-SuccessSignal).trackid | Should -Be '123402'
    }

    It 'fails clearly for a folder on a non-filesystem drive' {
        { Save-PromoTrack 123401 -Path 'Env:\' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDownloadFolder,*'
    }
}
