# Renewal as the session's own work, seen from the outside: a stopped command cannot break it, an
# outage of the token endpoint costs a handful of calls, and a disconnect mid-pipeline is an error
# record. Each Describe has its own emulator, and sessions are passed with -Session (the default
# session of the process is left to the other files).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModulePath -Force
    $script:CommandName = 'PromoOnly.Commands.GetPromoDownloadServerCommand'

    function New-ApiCredential {
        [pscredential]::new('demo-api-key', (ConvertTo-SecureString 'demo-api-secret' -AsPlainText -Force))
    }

    function Connect-Emulator($Emulator) {
        $session = Connect-PromoOnly -UserId 1 -ApiCredential (New-ApiCredential) -ApiBaseUri $Emulator.BaseUri -DoNotSetDefault
        Wait-PoolSync $Emulator
        $session
    }

    # The POOL API paths the emulator is still answering.
    function Get-InFlight($Emulator) {
        foreach ($path in (Invoke-RestMethod -Uri ([uri]::new($Emulator.BaseUri, '_emulator/in-flight')))) {
            $path
        }
    }
}

Describe 'A renewal outlives the command that started it' {
    BeforeAll {
        # 3-second tokens, renewed 0.6 s early. The test holds the renewal on the wire itself
        # (POST /_emulator/hold), for as long as it needs, instead of counting on a latency.
        $script:Emulator = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--token-ttl', '3'
        $script:Authenticate = [uri]::new($Emulator.BaseUri, '_emulator/hold?path=/user/authenticate')
    }

    AfterAll {
        Stop-PoolEmulator $Emulator
    }

    It 'serves a lookup that joined a renewal whose first command was stopped mid-flight' {
        $session = Connect-Emulator $Emulator
        # Past the token's expiry by the session's own reckoning: every lookup needs the renewal.
        $expired = $session.TokenExpiresAt
        Wait-Until { [DateTime]::UtcNow -gt $expired }
        $null = Invoke-RestMethod -Method Post -Uri $Authenticate

        # Another runspace's lookup starts the renewal; it is stopped (as by Ctrl+C) while the
        # renewal is on the wire.
        $first = [powershell]::Create()
        $null = $first.AddScript({
                param($ModulePath, $Session)
                Import-Module $ModulePath
                Get-PromoDownloadServer -TrackId 337865 -Session $Session
            }).AddArgument($ModulePath).AddArgument($session)
        $running = $first.BeginInvoke()
        Wait-Until { (Get-InFlight $Emulator) -contains '/user/authenticate' }
        $first.Stop()
        $first.Dispose()

        # The renewal is still in flight: this lookup joins it and must get its token once it is let through.
        (Get-InFlight $Emulator) | Should -Contain '/user/authenticate'
        $second = [powershell]::Create()
        $null = $second.AddScript({
                param($ModulePath, $Session)
                Import-Module $ModulePath
                Get-PromoDownloadServer -TrackId 337865 -Session $Session -ErrorAction Stop
            }).AddArgument($ModulePath).AddArgument($session)
        $lookup = $second.BeginInvoke()
        $null = Invoke-RestMethod -Method Delete -Uri $Authenticate
        $servers = $second.EndInvoke($lookup)
        $second.Dispose()

        $servers | Should -HaveCount 3
        $session.RenewalCount | Should -Be 1
        (Get-EmulatorStat $Emulator).authenticate | Should -Be 2
    }
}

Describe 'Renewal over many token lifetimes' {
    BeforeAll {
        $script:Emulator = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--token-ttl', '2', '--clock-skew', '-86400'
    }

    AfterAll {
        Stop-PoolEmulator $Emulator
    }

    It 'renews once per token lifetime and every lookup succeeds' {
        $session = Connect-Emulator $Emulator
        Clear-EmulatorStat $Emulator

        foreach ($lifetime in 1..3) {
            # Past the token's expiry, by the session's own reckoning: the next lookup must renew.
            $expired = $session.TokenExpiresAt
            Wait-Until { [DateTime]::UtcNow -gt $expired }
            foreach ($lookup in 1..5) {
                @(Get-PromoDownloadServer -TrackId 337865 -Session $session -ErrorAction Stop) | Should -HaveCount 3
            }
            $session.RenewalCount | Should -Be $lifetime
        }

        (Get-EmulatorStat $Emulator).authenticate | Should -Be 3
        (Get-EmulatorStat $Emulator).servers | Should -Be 15
    }

    It 'renews once for 16 runspaces that all find the token due at the same moment' {
        $session = Connect-Emulator $Emulator
        $start = [Threading.ManualResetEventSlim]::new($false)
        $ready = [Threading.CountdownEvent]::new(16)

        # Every runspace has the module loaded and waits at the same line before the token is due.
        $job = 1..16 | ForEach-Object -ThrottleLimit 16 -AsJob -Parallel {
            Import-Module $using:ModulePath
            $null = ($using:ready).Signal()
            ($using:start).Wait()
            @(Get-PromoDownloadServer -TrackId 337865 -Session $using:session -ErrorAction Stop).Count
        }
        Wait-Until { $ready.IsSet }
        $due = $session.TokenExpiresAt.AddSeconds(-0.4)
        Wait-Until { [DateTime]::UtcNow -gt $due }
        Clear-EmulatorStat $Emulator
        $start.Set()
        $results = $job | Wait-Job | Receive-Job
        $job | Remove-Job

        $results | Should -HaveCount 16
        $results | ForEach-Object { $_ | Should -Be 3 }
        (Get-EmulatorStat $Emulator).authenticate | Should -Be 1
        $session.RenewalCount | Should -Be 1
    }
}

Describe 'The token endpoint fails after connecting' {
    BeforeAll {
        # 1-second tokens; after the connect's token, authenticate answers 503 with Retry-After: 1.
        $script:Emulator = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--token-ttl', '1', '--authenticate-unavailable-after', '1', '--authenticate-retry-after', '1'
    }

    AfterAll {
        Stop-PoolEmulator $Emulator
    }

    It 'fails each of 300 tracks once, with a handful of authenticate calls instead of a stampede' {
        $session = Connect-Emulator $Emulator
        $expired = $session.TokenExpiresAt
        Wait-Until { [DateTime]::UtcNow -gt $expired }
        Clear-EmulatorStat $Emulator

        $servers = 100001..100300 | Get-PromoDownloadServer -Session $session -ThrottleLimit 64 -MaxRetryCount 2 -ErrorVariable failures -ErrorAction SilentlyContinue

        (Get-EmulatorStat $Emulator).authenticate | Should -BeLessOrEqual 6
        (Get-EmulatorStat $Emulator).servers | Should -Be 0
        $servers | Should -BeNullOrEmpty
        $failures | Should -HaveCount 300
        ($failures.TargetObject | Sort-Object -Unique) | Should -HaveCount 300
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be "ApiUnavailable,$CommandName" }
        "$($failures[0])" | Should -BeLike '*renew the access token*503*'
    }
}

Describe 'Answers with a message instead of data' {
    BeforeAll {
        $script:Emulator = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--bad-token-as-result'
    }

    AfterAll {
        Stop-PoolEmulator $Emulator
    }

    It 'reports a daily limit as the account''s state, renewing once for all tracks' {
        $session = Connect-Emulator $Emulator
        Clear-EmulatorStat $Emulator

        $servers = 900002, 337865, 900002, 900002 | Get-PromoDownloadServer -Session $session -ErrorVariable failures -ErrorAction SilentlyContinue

        $servers | Should -HaveCount 3
        $failures | Should -HaveCount 3
        $failures | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -Be "ApiRefused,$CommandName"
            $_.CategoryInfo.Category | Should -Be 'PermissionDenied'
            $_.TargetObject | Should -Be 900002
            "$_" | Should -BeLike "*'Daily download limit reached.'*"
            "$_" | Should -Not -BeLike '*fault on the service side*'
        }
        (Get-EmulatorStat $Emulator).authenticate | Should -Be 1
    }

    It 'quotes the message for a supplied token the server declines' {
        $token = ConvertTo-SecureString '0123456789abcdef0123456789abcdef' -AsPlainText -Force
        $session = Connect-PromoOnly -UserId 1 -Token $token -SkipValidation -ApiBaseUri $Emulator.BaseUri -DoNotSetDefault

        $null = Get-PromoDownloadServer -TrackId 337865 -Session $session -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be "ApiRefused,$CommandName"
        "$($failures[0])" | Should -BeLike '*Invalid user id or access token.*'
    }
}

Describe 'Disconnecting while lookups run' {
    BeforeAll {
        $script:Emulator = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--latency-ms', '200'
    }

    AfterAll {
        Stop-PoolEmulator $Emulator
    }

    It 'ends the other runspace''s pipeline with SessionDisconnected, not a raw exception' {
        $session = Connect-Emulator $Emulator
        Clear-EmulatorStat $Emulator
        $lookups = [powershell]::Create()
        $null = $lookups.AddScript({
                param($ModulePath, $Session)
                Import-Module $ModulePath
                try {
                    $null = 100001..100200 | Get-PromoDownloadServer -Session $Session -ThrottleLimit 2
                }
                catch {
                    $_
                }
            }).AddArgument($ModulePath).AddArgument($session)
        $running = $lookups.BeginInvoke()
        Wait-Until { (Get-EmulatorStat $Emulator).servers -ge 4 }

        $session | Disconnect-PromoOnly
        $record = $lookups.EndInvoke($running) | Select-Object -First 1
        $lookups.Dispose()

        $record | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $record.FullyQualifiedErrorId | Should -Be "SessionDisconnected,$CommandName"
        "$record" | Should -BeLike '*Disconnect-PromoOnly*'
        (Get-EmulatorStat $Emulator).servers | Should -BeLessThan 200
    }

    It 'ends Save-PromoTrack the same way: no error per remaining track' {
        $session = Connect-Emulator $Emulator
        Clear-EmulatorStat $Emulator
        $saves = [powershell]::Create()
        $null = $saves.AddScript({
                param($ModulePath, $Session, $Folder)
                Import-Module $ModulePath
                try {
                    $null = 100001..100200 | Save-PromoTrack -Path $Folder -Session $Session -ThrottleLimit 2 -ProgressAction SilentlyContinue
                }
                catch {
                    $_
                }
            }).AddArgument($ModulePath).AddArgument($session).AddArgument((Join-Path $TestDrive 'disconnected'))
        $running = $saves.BeginInvoke()
        Wait-Until { (Get-EmulatorStat $Emulator).queue -ge 4 }

        $session | Disconnect-PromoOnly
        $record = $saves.EndInvoke($running) | Select-Object -First 1
        $errors = @($saves.Streams.Error)
        $saves.Dispose()

        $record | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $record.FullyQualifiedErrorId | Should -Be 'SessionDisconnected,PromoOnly.Commands.SavePromoTrackCommand'
        $errors | Where-Object FullyQualifiedErrorId -Like 'SessionDisconnected*' | Should -BeNullOrEmpty
        (Get-EmulatorStat $Emulator).queue | Should -BeLessThan 200
    }
}
