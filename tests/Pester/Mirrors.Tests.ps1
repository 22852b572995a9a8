# Picking the fastest mirror: each emulated mirror is its own loopback listener with its own delay.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--mirror', 'slow=150', '--mirror', 'fast=10', '--mirror', 'mid=60', '--dead-mirror', 'gone'
    $script:DeadOnly = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--dead-mirror', 'down1', '--dead-mirror', 'down2'
    $env:PROMOONLY_API_BASE_URI = $Emulator.BaseUri.AbsoluteUri
    Import-Module $ModulePath -Force
    Connect-PromoOnly -UserId 1 -Token (New-DemoToken)
    $script:Mirrors = @{}
    foreach ($mirror in (Invoke-RestMethod ([uri]::new($Emulator.BaseUri, '_emulator/mirrors')))) {
        $Mirrors[$mirror.name] = $mirror
    }
    $script:CommandName = 'PromoOnly.Commands.GetPromoDownloadServerCommand'

    function Get-MirrorRequestCount {
        $counts = @{}
        foreach ($mirror in (Invoke-RestMethod ([uri]::new($Emulator.BaseUri, '_emulator/mirrors')))) {
            $counts[$mirror.name] = $mirror.requests
        }
        $counts
    }
}

AfterAll {
    Stop-PoolEmulator $Emulator
    Stop-PoolEmulator $DeadOnly
    Remove-Item Env:\PROMOONLY_API_BASE_URI -ErrorAction SilentlyContinue
}

Describe 'Test-PromoDownloadServer' {
    It 'ranks mirrors of about 150, 10 and 60 ms correctly and marks the dead one unreachable without an error' {
        $measured = Get-PromoDownloadServer -TrackId 950001 | Test-PromoDownloadServer -Force -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $measured | Should -HaveCount 4
        $ranked = $measured | Where-Object Reachable | Sort-Object LatencyMs
        $ranked.Host | Should -Be @($Mirrors.fast.host, $Mirrors.mid.host, $Mirrors.slow.host)
        $ranked[0].LatencyMs | Should -BeGreaterOrEqual 10
        $dead = $measured | Where-Object Host -EQ $Mirrors.gone.host
        $dead.Reachable | Should -BeFalse
        $dead.LatencyMs | Should -BeNullOrEmpty
    }

    It 'says why a mirror is unreachable in Verbose output' {
        $verbose = Test-PromoDownloadServer -HostName $Mirrors.gone.host -Force -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        ($verbose.Message -join "`n") | Should -BeLike "*$($Mirrors.gone.host) is unreachable*"
    }

    It 'sends probes without any Authorization header' {
        Clear-EmulatorRequest $Emulator

        $null = Test-PromoDownloadServer -HostName $Mirrors.fast.host, $Mirrors.mid.host -Force

        $probes = @(Get-EmulatorRequest $Emulator | Where-Object { $_.mirror })
        $probes.Count | Should -Be 6
        $probes | ForEach-Object { $_.headers.PSObject.Properties.Name | Should -Not -Contain 'Authorization' }
    }

    It 'refuses a host name that is not a plain DNS name' {
        $null = Test-PromoDownloadServer -HostName 'http://evil.example/x' -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidHostName,PromoOnly.Commands.TestPromoDownloadServerCommand'
    }

    It 'shows latency in the default table view' {
        $table = Test-PromoDownloadServer -HostName $Mirrors.fast.host | Out-String

        $table | Should -Match 'Host\s+LatencyMs\s+Reachable'
        $table | Should -Match ([regex]::Escape($Mirrors.fast.host) + '\s+\d+(\.\d)?\s+True')
    }
}

Describe 'Get-PromoDownloadServer -Fastest' {
    It 'returns only the 10 ms mirror' {
        $fastest = Get-PromoDownloadServer -TrackId 950001 -Fastest -Force

        $fastest | Should -HaveCount 1
        $fastest.Host | Should -Be $Mirrors.fast.host
        $fastest.Reachable | Should -BeTrue
        $fastest.LatencyMs | Should -Not -BeNullOrEmpty
    }

    It 'probes each mirror once for 200 tracks on the same mirrors' {
        Clear-EmulatorStat $Emulator

        $fastest = 950000..950199 | Get-PromoDownloadServer -Fastest -Force -ThrottleLimit 16

        $fastest | Should -HaveCount 200
        ($fastest.Host | Select-Object -Unique) | Should -Be $Mirrors.fast.host
        $counts = Get-MirrorRequestCount
        # One probe per mirror, of three requests (the median of three is reported).
        $counts.fast | Should -Be 3
        $counts.mid | Should -Be 3
        $counts.slow | Should -Be 3
    }

    It 'writes one error per track none of whose mirrors answers' {
        $session = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $DeadOnly.BaseUri -DoNotSetDefault

        $servers = Get-PromoDownloadServer -TrackId 950001, 950002 -Session $session -Fastest -ErrorVariable failures -ErrorAction SilentlyContinue

        $servers | Should -BeNullOrEmpty
        $failures | Should -HaveCount 2
        $failures[0].FullyQualifiedErrorId | Should -Be "NoReachableServer,$CommandName"
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $failures.TargetObject | Should -Be @(950001, 950002)
    }
}
