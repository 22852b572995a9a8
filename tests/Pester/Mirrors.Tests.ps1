# Picking the fastest mirror: each emulated mirror is its own loopback listener with its own delay.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--mirror', 'slow=150', '--mirror', 'fast=10', '--mirror', 'mid=60', '--dead-mirror', 'gone'
    $script:DeadOnly = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--dead-mirror', 'down1', '--dead-mirror', 'down2'
    # The attack run's hostile answer: 900 hosts that accept and never answer, plus a mirror that answers after ten minutes.
    $script:Hostile = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--silent-mirrors', '900', '--mirror', 'sloth=600000'
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
    Stop-PoolEmulator $Hostile
    Remove-Item Env:\PROMOONLY_API_BASE_URI -ErrorAction SilentlyContinue
}

Describe 'Test-PromoDownloadServer' {
    It 'measures each live mirror no faster than its delay and marks the dead one unreachable without an error' {
        # Which of them ranks first is decided on a fake clock in xunit (MirrorRankingTests): real
        # latencies of 10 and 60 ms swap places on a busy machine.
        $measured = Get-PromoDownloadServer -TrackId 950001 | Test-PromoDownloadServer -Force -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $measured | Should -HaveCount 4
        foreach ($name in 'slow', 'fast', 'mid') {
            $server = $measured | Where-Object Host -EQ $Mirrors[$name].host
            $server.Reachable | Should -BeTrue
            # The mirror waits its delay before answering, so no probe of it can be quicker.
            $server.LatencyMs | Should -BeGreaterOrEqual $Mirrors[$name].delayMs
        }
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

    It 'writes new objects and leaves the piped-in servers unchanged' {
        $listed = @(Get-PromoDownloadServer -TrackId 950001)

        $measured = @($listed | Test-PromoDownloadServer)

        $measured | Should -HaveCount $listed.Count
        foreach ($server in $listed) {
            $server.LatencyMs | Should -BeNullOrEmpty
            $server.Reachable | Should -BeNullOrEmpty
        }
        for ($i = 0; $i -lt $listed.Count; $i++) {
            [object]::ReferenceEquals($listed[$i], $measured[$i]) | Should -BeFalse
            $measured[$i].Host | Should -Be $listed[$i].Host
            $measured[$i].Reachable | Should -Not -BeNullOrEmpty
        }
    }

    It 'probes through the proxy of the session it is given' {
        $viaProxy = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $Emulator.BaseUri -Proxy $Emulator.BaseUri -DoNotSetDefault -PassThru
        Clear-EmulatorStat $Emulator
        Clear-EmulatorRequest $Emulator

        $measured = Test-PromoDownloadServer -HostName $Mirrors.slow.host -Session $viaProxy -Force

        # The "proxy" (the API emulator) received the probe for the slow mirror; the mirror itself saw nothing.
        $measured.Reachable | Should -BeTrue
        (Get-MirrorRequestCount).slow | Should -Be 0
        $proxied = @(Get-EmulatorRequest $Emulator | Where-Object { -not $_.mirror -and $_.method -eq 'HEAD' })
        $proxied.Count | Should -Be 3
        $proxied | ForEach-Object { $_.headers.Host | Should -Be $Mirrors.slow.host }
    }

    It 'shows latency in the default table view' {
        $table = Test-PromoDownloadServer -HostName $Mirrors.fast.host | Out-String

        $table | Should -Match 'Host\s+LatencyMs\s+Reachable'
        $table | Should -Match ([regex]::Escape($Mirrors.fast.host) + '\s+\d+(\.\d)?\s+True')
    }
}

Describe 'Get-PromoDownloadServer -Fastest' {
    It 'returns only the reachable mirror with the lowest measured latency' {
        $fastest = Get-PromoDownloadServer -TrackId 950001 -Fastest -Force

        $fastest | Should -HaveCount 1
        $fastest.Reachable | Should -BeTrue
        $fastest.LatencyMs | Should -Not -BeNullOrEmpty
        # The same probes again, from the cache: the one written is the lowest of them.
        $measured = Get-PromoDownloadServer -TrackId 950001 | Test-PromoDownloadServer
        $lowest = $measured | Where-Object Reachable | Sort-Object LatencyMs | Select-Object -First 1
        $fastest.Host | Should -Be $lowest.Host
        $fastest.LatencyMs | Should -Be $lowest.LatencyMs
    }

    It 'probes each mirror once for 200 tracks on the same mirrors' {
        Clear-EmulatorStat $Emulator

        $fastest = 950000..950199 | Get-PromoDownloadServer -Fastest -Force -ThrottleLimit 16

        $fastest | Should -HaveCount 200
        # One measurement per mirror, so every track picks the same one, and never the dead one.
        @($fastest.Host | Select-Object -Unique) | Should -HaveCount 1
        $fastest[0].Host | Should -BeIn $Mirrors.fast.host, $Mirrors.mid.host, $Mirrors.slow.host
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

Describe 'Hostile mirror lists' {
    BeforeAll {
        $script:HostileSession = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $Hostile.BaseUri -DoNotSetDefault -PassThru
        $script:SilentHosts = @(Get-PromoDownloadServer -TrackId 951000 -Session $HostileSession).Host
    }

    It 'survives -Fastest on a track listing 900 hosts that never answer, trying only the first 16' {
        $SilentHosts | Should -HaveCount 900
        Clear-EmulatorStat $Hostile
        $script = @"
Import-Module '$ModulePath'
Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString '$DemoTokenText' -AsPlainText -Force) -ApiBaseUri '$($Hostile.BaseUri)'
`$null = Get-PromoDownloadServer -TrackId 951000 -Fastest -ErrorVariable failures -ErrorAction SilentlyContinue
`$failures | ForEach-Object { `$_.FullyQualifiedErrorId + '|' + `$_.TargetObject }
"@

        $reported = @((Invoke-FreshPwsh -Script $script -GuardSeconds 120).Trim() -split '\r?\n')

        $reported | Should -Be @('NoReachableServer,PromoOnly.Commands.GetPromoDownloadServerCommand|951000')
        $connections = (Get-EmulatorStat $Hostile).silentConnections
        $connections | Should -BeGreaterThan 0
        $connections | Should -BeLessOrEqual 16
    }

    It 'reports every one of 100 silent hosts as unreachable, without an error' {
        Clear-EmulatorStat $Hostile

        $measured = Test-PromoDownloadServer -HostName $SilentHosts[100..199] -Count 1 -TimeoutSec 1 -Force -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $measured | Should -HaveCount 100
        @($measured | Where-Object Reachable -EQ $false) | Should -HaveCount 100
        (Get-EmulatorStat $Hostile).silentConnections | Should -Be 100
    }

    It 'cancels its probe when stopped, as Ctrl+C does' {
        $sloth = @(Invoke-RestMethod ([uri]::new($Hostile.BaseUri, '_emulator/mirrors'))).Where({ $_.name -eq 'sloth' }).host
        Clear-EmulatorRequest $Hostile
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$ModulePath'; Test-PromoDownloadServer -HostName '$sloth' -TimeoutSec 60 -Force")
        $handle = $ps.BeginInvoke()
        Wait-Until { @(Invoke-RestMethod ([uri]::new($Hostile.BaseUri, '_emulator/mirrors'))).Where({ $_.name -eq 'sloth' }).requests -ge 1 }

        $ps.Stop()

        $handle.IsCompleted | Should -BeTrue
        $sloth | Should -Not -BeNullOrEmpty
        # The mirror saw the client hang up (499) long before the probe's 60-second timeout.
        Wait-Until { @(Get-EmulatorRequest $Hostile | Where-Object { $_.mirror -eq 'sloth' -and $_.status -eq 499 }).Count -eq 1 }
        $ps.Dispose()
    }
}
