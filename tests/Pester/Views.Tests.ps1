# What a person sees of DownloadServer objects: the table fits the command that made them, the
# natural "fastest mirror" pipeline never picks a dead one, and Verbose says each thing once.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # The dead mirror comes first, so a pipeline that ranks it first is caught.
    $script:Emulator = Start-TestEmulator -ArgumentList '--dead-mirror', 'gone', '--mirror', 'fast=5', '--mirror', 'slow=80'
    $script:Mirrors = @{}
    foreach ($mirror in (Invoke-RestMethod ([uri]::new($Emulator.BaseUri, '_emulator/mirrors')))) {
        $Mirrors[$mirror.name] = $mirror
    }

    # The header line of the default table, as the user sees it.
    function Get-TableHeader($InputObject) {
        (($InputObject | Out-String -Width 200) -split '\r?\n' | Where-Object { $_ -match '\S' })[0].Trim() -split '\s+'
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'The fastest-mirror recipe in README' {
    It 'never picks an unreachable mirror, even when the dead one is listed first' {
        $measured = Get-PromoDownloadServer 950000 | Test-PromoDownloadServer -Force
        $fastest = $measured | Where-Object Reachable | Sort-Object LatencyMs | Select-Object -First 1

        # Without Where-Object Reachable, the dead mirror (no latency) would sort first.
        ($measured | Sort-Object LatencyMs | Select-Object -First 1).Host | Should -Be $Mirrors.gone.host
        $fastest.Host | Should -BeIn $Mirrors.fast.host, $Mirrors.slow.host
        $fastest.Reachable | Should -BeTrue
    }

    It 'is the line README shows' {
        $readme = Get-Content (Join-Path $RepoRoot 'README.md') -Raw

        $readme | Should -Match ([regex]::Escape('Test-PromoDownloadServer | Where-Object Reachable | Sort-Object LatencyMs'))
        $readme | Should -Not -Match 'Test-PromoDownloadServer \| Sort-Object LatencyMs'
    }
}

Describe 'The default table of DownloadServer' {
    It 'shows where to download from after a plain lookup, without empty measurement columns' {
        $header = Get-TableHeader (Get-PromoDownloadServer 337865)

        $header | Should -Be @('TrackId', 'Id', 'Host', 'Uri')
        (Get-PromoDownloadServer 337865 | Out-String) | Should -Match 'http://dc03\.promoonly\.com/'
    }

    It 'shows latency and reachability once the mirrors are measured' {
        Get-TableHeader (Get-PromoDownloadServer 950000 | Test-PromoDownloadServer) | Should -Be @('TrackId', 'Id', 'Host', 'LatencyMs', 'Reachable')
        Get-TableHeader (Get-PromoDownloadServer 950000 -Fastest) | Should -Be @('TrackId', 'Id', 'Host', 'LatencyMs', 'Reachable')
    }

    It 'shows no TrackId 0 or Id 0 for hosts measured by name' {
        $measured = Test-PromoDownloadServer -HostName $Mirrors.fast.host, $Mirrors.gone.host

        Get-TableHeader $measured | Should -Be @('Host', 'LatencyMs', 'Reachable')
        ($measured | Out-String) | Should -Not -Match '(?m)^\s*0\s+0\s'
    }

    It 'keeps every object a PromoOnly.DownloadServer with all its properties' {
        $measured = Get-PromoDownloadServer 950000 | Test-PromoDownloadServer

        $measured | ForEach-Object { $_ | Should -BeOfType ([PromoOnly.DownloadServer]) }
        ($measured | Select-Object -First 1 | ConvertTo-Csv -NoTypeInformation)[0] | Should -Be '"TrackId","Id","Host","Uri","LatencyMs","Reachable"'
    }
}

Describe 'Get-PromoDownloadServer -Fastest -Verbose' {
    It 'says once, not once per track, that a mirror is unreachable' {
        $verbose = 950000..950005 | Get-PromoDownloadServer -Fastest -Force -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } |
            ForEach-Object Message

        @($verbose | Where-Object { $_ -like "Mirror $($Mirrors.gone.host) is unreachable*" }) | Should -HaveCount 1
    }
}
