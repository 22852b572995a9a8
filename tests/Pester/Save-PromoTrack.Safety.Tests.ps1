# Save-PromoTrack never lies and never touches what it does not own (issue 16, file-system half):
# links planted at every name it writes, server names aimed at other files, damaged records,
# changed or watermarked content on resume, and success signals that may or may not have arrived.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator

    function New-Folder([string] $Name) {
        (New-Item -ItemType Directory -Path (Join-Path $TestDrive $Name) -Force).FullName
    }

    function Get-Expected([long] $TrackId, [int] $Variant = 1) {
        Invoke-RestMethod ([uri]::new($Emulator.BaseUri, "_emulator/media/${TrackId}?variant=$Variant"))
    }

    function Get-Sha([string] $Path) {
        (Get-FileHash -Algorithm SHA256 -LiteralPath $Path).Hash.ToLowerInvariant()
    }

    # The Content-Disposition name the media hosts send for a track, as a hostile server chooses it.
    function Set-ServerFileName([long] $TrackId, [string] $Name) {
        $null = Invoke-RestMethod -Method Put -Uri ([uri]::new($Emulator.BaseUri, "_emulator/media/$TrackId/file-name")) -Body ([Text.Encoding]::UTF8.GetBytes($Name)) -ContentType 'text/plain; charset=utf-8'
    }

    # Success signals received (counted as they arrive: the request log is written after the answer).
    function Get-SignalCount {
        (Get-EmulatorStat $Emulator).success
    }

    function Get-RecordLine([string] $Folder, [long] $TrackId) {
        @(Get-Content -LiteralPath (Join-Path $Folder '.promoonly-downloads.jsonl') | ConvertFrom-Json | Where-Object trackId -EQ $TrackId)[-1]
    }

    # The name a track's file gets from its metadata, which the previous module version also put in its .partial name.
    function Get-MetadataName([long] $TrackId) {
        (Save-PromoTrack $TrackId -Path (New-Folder "names-$TrackId")).Name
    }

    # Starts a save in a runspace of this process and stops it (as Ctrl+C would) once the held
    # media answer has put its first block into a .partial file: a partial that only that answer started.
    function Save-Interrupted([long] $TrackId, [string] $Folder) {
        $null = Invoke-RestMethod -Method Post -Uri ([uri]::new($Emulator.BaseUri, "_emulator/media/$TrackId/hold"))
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$ModulePath'; Save-PromoTrack $TrackId -Path '$Folder'")
        $handle = $ps.BeginInvoke()
        Wait-Until { (Get-Expected $TrackId).waiting -ge 1 -and @(Get-ChildItem $Folder -Filter *.partial -Force | Where-Object Length -GE 65536).Count -eq 1 }
        $ps.Stop()
        $ps.Dispose()
        $null = Invoke-RestMethod -Method Delete -Uri ([uri]::new($Emulator.BaseUri, "_emulator/media/$TrackId/hold"))
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Save-PromoTrack in a folder it shares with other files' {
    BeforeEach {
        Clear-EmulatorStat $Emulator
        Clear-EmulatorRequest $Emulator
        $script:Outside = New-Folder "outside-$([guid]::NewGuid().ToString('N'))"
        $script:Precious = Join-Path $Outside 'precious.bin'
        Set-Content -LiteralPath $Precious -Value 'thirty bytes of someone else' -NoNewline
    }

    It 'never writes through a link planted at a .partial name, the lock file or the final name' {
        $plain1 = Get-MetadataName 123401
        $plain2 = Get-MetadataName 123402
        $folder = New-Folder 'links'
        # At today's partial names, at the names earlier versions used, at the final name and at the lock file.
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $folder '.promoonly-123401.partial') -Target $Precious
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $folder "$plain1.123401.partial") -Target $Precious
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $folder '.promoonly-123402.partial') -Target (Join-Path $Outside 'partial-created-outside')
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $folder "$plain2.123402.partial") -Target (Join-Path $Outside 'old-partial-created-outside')
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $folder $plain1) -Target (Join-Path $Outside 'final-created-outside.mp3')
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $folder '.promoonly-downloads.lock') -Target (Join-Path $Outside 'lock-created-outside')

        $saved = Save-PromoTrack 123401, 123402 -Path $folder

        $saved.Status | Should -Be @('Saved', 'Saved')
        foreach ($result in $saved) {
            Get-Sha $result.Path | Should -Be (Get-Expected $result.TrackId).sha256
            (Get-Item -LiteralPath $result.Path).LinkType | Should -BeNullOrEmpty
        }
        $saved[0].Name | Should -Be ($plain1 -replace '\.mp3$', ' [123401].mp3')
        Get-Content -LiteralPath $Precious -Raw | Should -Be 'thirty bytes of someone else'
        (Get-ChildItem -LiteralPath $Outside -Force).Name | Should -Be 'precious.bin'
    }

    It 'refuses a download record that is a link, once and before queueing anything, naming the link' {
        $folder = New-Folder 'record-link'
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $folder '.promoonly-downloads.jsonl') -Target $Precious

        { Save-PromoTrack 123401, 123402 -Path $folder -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDownloadFolder,*' -ExpectedMessage '*.promoonly-downloads.jsonl*link*'

        Get-Content -LiteralPath $Precious -Raw | Should -Be 'thirty bytes of someone else'
        (Get-EmulatorStat $Emulator).queue | Should -Be 0
    }

    It 'never takes another track''s file, even one named like its .partial, as a resume base' {
        # Before, a server name equal to another track's .partial name made that track "resume" from a
        # foreign file and report Saved with a hash that matched nothing.
        $folder = New-Folder 'foreign-partial'
        $victim = 123434   # larger than 123403, so a wrong resume would ask for its tail
        (Get-Expected $victim).size | Should -BeGreaterThan (Get-Expected 123403).size
        Set-ServerFileName 123403 "$(Get-MetadataName $victim).$victim.partial"
        Set-ServerFileName 123406 ".promoonly-$victim.partial"

        $bait = Save-PromoTrack 123403, 123406 -Path $folder
        $saved = Save-PromoTrack $victim -Path $folder

        $bait[1].Name | Should -Be "promoonly-$victim.partial"
        $saved.Resumed | Should -BeFalse
        $saved.Sha256 | Should -Be (Get-Expected $victim).sha256
        Get-Sha $saved.Path | Should -Be (Get-Expected $victim).sha256
        Get-Sha $bait[0].Path | Should -Be (Get-Expected 123403).sha256
    }

    It '-Force replaces only the file the record attributes to the track' {
        $folder = New-Folder 'force'
        $metadataName = Get-MetadataName 123401
        Set-Content -LiteralPath (Join-Path $folder 'notes.txt') -Value 'my notes' -NoNewline
        Set-Content -LiteralPath (Join-Path $folder $metadataName) -Value 'my own copy from another source' -NoNewline
        Set-ServerFileName 123406 'notes.txt'

        $first = Save-PromoTrack 123406, 123401 -Path $folder -Force
        $again = Save-PromoTrack 123406, 123401 -Path $folder -Force

        Get-Content -LiteralPath (Join-Path $folder 'notes.txt') -Raw | Should -Be 'my notes'
        Get-Content -LiteralPath (Join-Path $folder $metadataName) -Raw | Should -Be 'my own copy from another source'
        $first.Name | Should -Be @('notes [123406].txt', ($metadataName -replace '\.mp3$', ' [123401].mp3'))
        # The second -Force run replaces what the first one saved, and nothing else.
        $again.Path | Should -Be $first.Path
        $again.Status | Should -Be @('Saved', 'Saved')
        foreach ($result in $again) {
            Get-Sha $result.Path | Should -Be (Get-Expected $result.TrackId).sha256
            # The .partial was hidden on Windows; the user's file must not be.
            (Get-Item -LiteralPath $result.Path -Force).Attributes.HasFlag([IO.FileAttributes]::Hidden) | Should -BeFalse
        }
    }

    It 'takes the [trackid] name when a folder sits at the target name' {
        $folder = New-Folder 'dir-at-name'
        $name = Get-MetadataName 123401
        $null = New-Item -ItemType Directory -Path (Join-Path $folder $name)

        $saved = Save-PromoTrack 123401 -Path $folder

        $saved.Name | Should -Be ($name -replace '\.mp3$', ' [123401].mp3')
        Get-Sha $saved.Path | Should -Be (Get-Expected 123401).sha256
    }

    It 'cleans COM¹-style device names and zero-width characters from server names' {
        $folder = New-Folder 'device'
        Set-ServerFileName 123406 "COM$([char]0xB9).mp3"
        Set-ServerFileName 123408 "Bey$([char]0x200B)onc$([char]0xE9)$([char]0x2060).mp3"

        $saved = Save-PromoTrack 123406, 123408 -Path $folder

        $saved.Name | Should -Be @("_COM$([char]0xB9).mp3", "Beyonc$([char]0xE9).mp3")
    }
}

Describe 'Save-PromoTrack reading its record' {
    BeforeEach {
        Clear-EmulatorStat $Emulator
        Clear-EmulatorRequest $Emulator
    }

    It 'ignores a record line whose file name no file system accepts, like any unreadable line' {
        $folder = New-Folder 'nul-line'
        Set-Content -LiteralPath (Join-Path $folder '.promoonly-downloads.jsonl') -Value @(
            '{"trackId":123402,"file":"a\u0000b.mp3","length":5,"sha256":"00"}'
            '{"trackId":123401,"file":"c:d|e.mp3","length":5,"sha256":"00"}'
        )

        $saved = Save-PromoTrack 123402, 123401, 123403 -Path $folder -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | Should -BeNullOrEmpty
        $saved.Status | Should -Be @('Saved', 'Saved', 'Saved')
    }

    It 'reports a skipped track with its artist, title and mix, whether the API knows it, and that its bytes were not re-read' {
        $folder = New-Folder 'skipped-rows'
        $first = Save-PromoTrack 123401 -Path $folder

        $skipped = Save-PromoTrack 123401 -Path $folder

        $skipped.Status | Should -Be 'Skipped'
        ($skipped.Artist, $skipped.Title, $skipped.Mix) | Should -Be @($first.Artist, $first.Title, $first.Mix)
        $skipped.Artist | Should -Not -BeNullOrEmpty
        $skipped.Acknowledged | Should -BeTrue
        $first.Verified | Should -BeTrue
        $skipped.Verified | Should -BeFalse

        # Same size, other bytes: the result says the hash is the record's, not a fresh reading.
        $bytes = [IO.File]::ReadAllBytes($first.Path)
        $bytes[0] = $bytes[0] -bxor 0xFF
        [IO.File]::WriteAllBytes($first.Path, $bytes)
        $changed = Save-PromoTrack 123401 -Path $folder
        $changed.Status | Should -Be 'Skipped'
        $changed.Verified | Should -BeFalse
        $changed.Sha256 | Should -Be $first.Sha256
    }

    It 'leaves no per-track lock files behind, and no lock file at all where the system allows removing it' {
        $folder = New-Folder 'locks'

        $null = Save-PromoTrack 123401, 123402 -Path $folder

        $locks = @(Get-ChildItem -LiteralPath $folder -Force -Filter '.promoonly-*.lock').Name
        if ($IsWindows) {
            $locks | Should -BeNullOrEmpty
        }
        else {
            # Removing a lock file on Unix would let a process that just opened it lock a file no one else sees.
            $locks | Should -Be @('.promoonly-downloads.lock')
        }
    }
}

Describe 'Save-PromoTrack resuming' {
    BeforeEach {
        Clear-EmulatorStat $Emulator
        Clear-EmulatorRequest $Emulator
    }

    It 'resumes only with If-Range: a file that changed since (a new watermark) is downloaded whole, never spliced' {
        $folder = New-Folder 'if-range'
        Save-Interrupted 974001 $folder

        $saved = Save-PromoTrack 974001 -Path $folder

        $media = @(Get-EmulatorRequest $Emulator | Where-Object { $_.mirror -like 'media-*' -and $_.path -like '/pool/v5/download/*' })[-1]
        $media.headers.Range | Should -Match '^bytes=\d+-$'
        $media.headers.'If-Range' | Should -Be (Get-Expected 974001 -Variant 1).etag
        $media.status | Should -Be 200
        $saved.Resumed | Should -BeFalse
        Get-Sha $saved.Path | Should -Be (Get-Expected 974001 -Variant 2).sha256
        $saved.Sha256 | Should -Be (Get-Expected 974001 -Variant 2).sha256
    }

    It 'continues an earlier run''s partial with If-Range when the file is unchanged' {
        $folder = New-Folder 'if-range-same'
        Save-Interrupted 123401 $folder

        $saved = Save-PromoTrack 123401 -Path $folder

        $media = @(Get-EmulatorRequest $Emulator | Where-Object { $_.mirror -like 'media-*' -and $_.path -like '/pool/v5/download/*' })[-1]
        $media.status | Should -Be 206
        $saved.Resumed | Should -BeTrue
        $saved.Sha256 | Should -Be (Get-Expected 123401).sha256
    }

    It 'starts over, without Range, a partial whose answer had no validator when a new dl_token is used' {
        $folder = New-Folder 'no-validator'
        Save-Interrupted 974002 $folder

        $saved = Save-PromoTrack 974002 -Path $folder

        $media = @(Get-EmulatorRequest $Emulator | Where-Object { $_.mirror -like 'media-*' -and $_.path -like '/pool/v5/download/*' })[-1]
        $media.headers.PSObject.Properties.Name | Should -Not -Contain 'Range'
        $saved.Sha256 | Should -Be (Get-Expected 974002 -Variant 2).sha256
        Get-Sha $saved.Path | Should -Be (Get-Expected 974002 -Variant 2).sha256
    }

    It 'starts over once when the kept bytes are more than the file holds (416)' {
        $folder = New-Folder 'too-long'
        $expected = Get-Expected 123401
        $name = Get-MetadataName 123401
        Clear-EmulatorRequest $Emulator
        $tooLong = [byte[]]::new($expected.size + 1000)
        # Where this version keeps the track's unfinished bytes (with the validator of the answer that
        # started them), and where earlier versions did.
        [IO.File]::WriteAllBytes((Join-Path $folder '.promoonly-123401.partial'), $tooLong)
        Set-Content -LiteralPath (Join-Path $folder '.promoonly-123401.resume') -Value (@{ trackId = 123401; validator = $expected.etag } | ConvertTo-Json -Compress)
        [IO.File]::WriteAllBytes((Join-Path $folder "$name.123401.partial"), $tooLong)

        $saved = Save-PromoTrack 123401 -Path $folder -MaxRetryCount 1

        $saved.Sha256 | Should -Be $expected.sha256
        $media = @(Get-EmulatorRequest $Emulator | Where-Object { $_.mirror -like 'media-*' -and $_.path -like '/pool/v5/download/*' })
        $media.status | Should -Be @(416, 200)
    }
}

Describe 'Save-PromoTrack success signals' {
    BeforeEach {
        Clear-EmulatorStat $Emulator
        Clear-EmulatorRequest $Emulator
    }

    It 'sends a signal that reached the API only once, and notes it as owed: <Name>' -ForEach @(
        @{ Name = 'always 500'; TrackId = 990006 }
        @{ Name = 'connection dropped after the API acted on it'; TrackId = 990010 }
    ) {
        $folder = New-Folder "owed-$TrackId"

        $saved = Save-PromoTrack $TrackId -Path $folder -ErrorVariable failed -ErrorAction SilentlyContinue

        Get-SignalCount | Should -Be 1
        $saved.Acknowledged | Should -BeFalse
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DownloadNotAcknowledged,*'
        $failed[0].Exception.Message | Should -BeLike '*pending*next Save-PromoTrack*'
        (Get-RecordLine $folder $TrackId).pending.serverId | Should -Be $saved.ServerId
    }

    It 'sends an owed signal once from a later run: for a track it meets, and for one it does not' {
        $folder = New-Folder 'owed-later'
        $null = Save-PromoTrack 990009 -Path $folder -ErrorAction SilentlyContinue
        Get-SignalCount | Should -Be 1

        $rerun = Save-PromoTrack 990009 -Path $folder
        $rerun.Status | Should -Be 'Skipped'
        $rerun.Acknowledged | Should -BeTrue
        Get-SignalCount | Should -Be 2
        $null = Save-PromoTrack 990009 -Path $folder
        Get-SignalCount | Should -Be 2

        # A track this run does not name: an empty run into the folder settles it.
        Clear-EmulatorStat $Emulator
        Clear-EmulatorRequest $Emulator
        $other = New-Folder 'owed-other'
        $null = Save-PromoTrack 990009 -Path $other -ErrorAction SilentlyContinue
        $null = Save-PromoTrack -TrackId @() -Path $other
        Get-SignalCount | Should -Be 2
        (Get-RecordLine $other 990009).acknowledged | Should -BeTrue
        $null = Save-PromoTrack -TrackId @() -Path $other
        Get-SignalCount | Should -Be 2
    }
}
