# Two Save-PromoTrack processes sharing one folder (issue 16.7): a scheduled sync overlapping an
# interactive run. The emulator holds the first process's media answer until the test releases it,
# so the second provably starts while the first is mid-download; no step waits for a guessed time.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator

    function Get-Expected([long] $TrackId, [int] $Variant = 1) {
        Invoke-RestMethod ([uri]::new($Emulator.BaseUri, "_emulator/media/${TrackId}?variant=$Variant"))
    }

    # A separate pwsh process running Save-PromoTrack, its Verbose lines and results streamed to
    # stdout one per line ("VERBOSE: …", "RESULT: {json}") so the test can follow it as it runs.
    function Start-SaveProcess([string] $Folder, [long] $TrackId) {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString '$DemoTokenText' -AsPlainText -Force)
Save-PromoTrack $TrackId -Path '$Folder' -Verbose 4>&1 | ForEach-Object {
    if (`$_ -is [System.Management.Automation.VerboseRecord]) { "VERBOSE: `$(`$_.Message)" }
    else { 'RESULT: ' + (`$_ | Select-Object TrackId, @{ n = 'Status'; e = { "`$(`$_.Status)" } }, Acknowledged, Sha256, Path | ConvertTo-Json -Compress) }
}
"@
        $info = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
            $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
        }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $script) {
            $info.ArgumentList.Add($argument)
        }
        $info.Environment['PROMOONLY_API_BASE_URI'] = $Emulator.BaseUri.AbsoluteUri
        $info.UseShellExecute = $false
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($info)
        [pscustomobject]@{
            Process = $process
            Lines   = [System.Collections.Generic.List[string]]::new()
            Next    = $process.StandardOutput.ReadLineAsync()
            Errors  = $process.StandardError.ReadToEndAsync()
        }
    }

    # Collects the lines the process has written so far; returns them.
    function Read-SaveProcess($Run) {
        while ($Run.Next.IsCompleted -and $null -ne $Run.Next.Result) {
            $Run.Lines.Add($Run.Next.Result)
            $Run.Next = $Run.Process.StandardOutput.ReadLineAsync()
        }
        $Run.Lines
    }

    function Complete-SaveProcess($Run) {
        if (-not $Run.Process.WaitForExit(120000)) {
            $Run.Process.Kill($true)
            throw 'A Save-PromoTrack process did not finish within 2 minutes.'
        }
        $Run.Process.WaitForExit()
        $null = Read-SaveProcess $Run
        $Run.Process.ExitCode | Should -Be 0 -Because $Run.Errors.Result
        $result = @($Run.Lines | Where-Object { $_ -like 'RESULT: *' })
        $result | Should -HaveCount 1
        $result[0].Substring(8) | ConvertFrom-Json
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Two Save-PromoTrack processes in one folder' {
    BeforeEach {
        Clear-EmulatorStat $Emulator
    }

    It 'downloads a track once: the second process waits, says so, then skips it; one file, one signal' {
        # 974003 is watermarked: each download's bytes differ, so a file made of two downloads would show.
        $folder = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'shared') -Force).FullName
        $null = Invoke-RestMethod -Method Post -Uri ([uri]::new($Emulator.BaseUri, '_emulator/media/974003/hold'))

        $first = Start-SaveProcess $folder 974003
        Wait-Until { (Get-Expected 974003).waiting -eq 1 } -GuardSeconds 60
        $second = Start-SaveProcess $folder 974003
        Wait-Until { (Read-SaveProcess $second) -match 'another process is saving it' } -GuardSeconds 60
        # The second process waits for the first, asking the API nothing meanwhile.
        (Get-EmulatorStat $Emulator).queue | Should -Be 1
        $null = Invoke-RestMethod -Method Delete -Uri ([uri]::new($Emulator.BaseUri, '_emulator/media/974003/hold'))

        $saved = Complete-SaveProcess $first
        $skipped = Complete-SaveProcess $second

        $saved.Status | Should -Be 'Saved'
        $skipped.Status | Should -Be 'Skipped'
        $skipped.Path | Should -Be $saved.Path
        $skipped.Acknowledged | Should -BeTrue
        $stats = Get-EmulatorStat $Emulator
        $stats.queue | Should -Be 1
        $stats.mediaRequests | Should -Be 1
        $stats.success | Should -Be 1
        # The file is one whole download, and the record says so.
        $sha = (Get-FileHash -Algorithm SHA256 -LiteralPath $saved.Path).Hash.ToLowerInvariant()
        $sha | Should -Be (Get-Expected 974003 -Variant 1).sha256
        $record = @(Get-Content (Join-Path $folder '.promoonly-downloads.jsonl') | ConvertFrom-Json)
        $record | Should -HaveCount 1
        $record[0].sha256 | Should -Be $sha
        @(Get-ChildItem -LiteralPath $folder -Force | Where-Object Name -NotIn '.promoonly-downloads.jsonl', '.promoonly-downloads.lock').Name | Should -Be (Split-Path $saved.Path -Leaf)
    }
}
