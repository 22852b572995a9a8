# Sessions that last: renewal, sign-in, environment, runspaces, several accounts.
# The emulator issues 2-second tokens here, so renewal happens within a test. Renewal under load,
# outages and stopped commands: Renewal.Tests.ps1.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -ArgumentList '--token-ttl', '2', '--clock-skew', '-86400' -NoConnect
    $script:CommandName = 'PromoOnly.Commands.ConnectPromoOnlyCommand'

    function New-ApiCredential([string] $Key = 'demo-api-key', [string] $Secret = 'demo-api-secret') {
        [pscredential]::new($Key, (ConvertTo-SecureString $Secret -AsPlainText -Force))
    }

    function New-SignInCredential([string] $Email = 'demo@promoonly.example', [string] $Password = 'demo-password') {
        [pscredential]::new($Email, (ConvertTo-SecureString $Password -AsPlainText -Force))
    }
}

AfterAll {
    Get-PromoOnlySession | Disconnect-PromoOnly
    Stop-TestEmulator $Emulator
}

Describe 'Token sessions' {
    It 'say in the default view that the expiry of a supplied token is unknown, instead of leaving it empty' {
        Connect-PromoOnly -UserId 1 -Token (New-DemoToken)

        $view = Get-PromoOnlySession | Out-String

        $view | Should -Match 'AuthenticationMode\s+: Token'
        $view | Should -Match 'TokenExpiresAt \(UTC\)\s+: unknown\b'
        # The property stays a typed, empty DateTime for scripts; only the view says it in words.
        (Get-PromoOnlySession).TokenExpiresAt | Should -BeNullOrEmpty
    }
}

Describe 'API-key sessions renew their tokens' {
    It 'shows mode, expiry and renewals in the default view' {
        Connect-PromoOnly -UserId 1 -ApiCredential (New-ApiCredential)

        $view = Get-PromoOnlySession | Out-String

        $view | Should -Match 'AuthenticationMode\s+: ApiKey'
        $view | Should -Match 'TokenExpiresAt \(UTC\)\s+: \S'
        $view | Should -Match 'RenewalCount\s+: \d'
    }

    It 'reports the token expiry from the server''s lifetime even when the server clock is a day off' {
        $session = Connect-PromoOnly -UserId 1 -ApiCredential (New-ApiCredential) -PassThru

        $left = ($session.TokenExpiresAt - [DateTime]::UtcNow).TotalSeconds
        $left | Should -BeGreaterThan 0
        $left | Should -BeLessOrEqual 2.1
    }

    It 'fails to connect with wrong API credentials and quotes the server' {
        { Connect-PromoOnly -UserId 1 -ApiCredential (New-ApiCredential -Secret 'wrong') } |
            Should -Throw -ErrorId "AuthenticationFailed,$CommandName" -ExpectedMessage '*Invalid API credentials.*'
    }
}

Describe 'Sign-in with account e-mail and password' {
    It 'signs in, then renews with the API credentials it was given' {
        $session = Connect-PromoOnly -Credential (New-SignInCredential) -PassThru

        $session.AuthenticationMode | Should -Be 'SignIn'
        $session.UserId | Should -Be 1
        Wait-Until { [DateTime]::UtcNow -gt $session.TokenExpiresAt }
        @(Get-PromoDownloadServer -TrackId 337865 -ErrorAction Stop) | Should -HaveCount 3
        $session.RenewalCount | Should -Be 1
    }

    It 'refuses <Case> with the server''s message' -TestCases @(
        @{ Case = 'a wrong password'; Email = 'demo@promoonly.example'; Password = 'nope'; Message = 'Invalid email and password combination.' }
        @{ Case = 'an account without API access'; Email = 'setup@promoonly.example'; Password = 'setup-password'; Message = 'Invalid account setup.' }
    ) {
        { Connect-PromoOnly -Credential (New-SignInCredential $Email $Password) } |
            Should -Throw -ErrorId "AuthenticationFailed,$CommandName" -ExpectedMessage "*$Message*"
    }

    It 'does not prompt in a non-interactive session and lists the other ways' {
        # The Pester process runs with -NonInteractive.
        $record = try { Connect-PromoOnly } catch { $_ }

        $record.FullyQualifiedErrorId | Should -Be "CredentialsRequired,$CommandName"
        # What PowerShell 7's default view shows: the message, then the Recommendation line.
        $record | Out-String -Width 4000 | Should -BeLike '*-ApiCredential*-Credential*-FromEnvironment*'
    }

    It 'does not prompt in a hosted runspace without a UI' {
        $hosted = [powershell]::Create()
        $null = $hosted.AddScript({
                param($ModulePath)
                Import-Module $ModulePath
                try { Connect-PromoOnly } catch { $_ }
            }).AddArgument($ModulePath)
        $record = $hosted.Invoke() | Select-Object -First 1
        $hosted.Dispose()

        $record.FullyQualifiedErrorId | Should -Be "CredentialsRequired,$CommandName"
    }

    It 'does not prompt in a pwsh started with --NonInteractive' {
        $info = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
            $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
        }
        foreach ($argument in '-NoProfile', '--NonInteractive', '-Command', "Import-Module '$ModulePath'; try { Connect-PromoOnly } catch { `$_.FullyQualifiedErrorId }") {
            $info.ArgumentList.Add($argument)
        }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.RedirectStandardInput = $true
        $process = [System.Diagnostics.Process]::Start($info)
        $process.StandardInput.Close()
        $output = $process.StandardOutput.ReadToEndAsync()
        $null = $process.StandardError.ReadToEndAsync()
        $process.WaitForExit(120000) | Should -BeTrue

        # Nothing before the error: no caption, no "Enter your POOL account e-mail", no "User:".
        $output.Result.Trim() | Should -BeExactly "CredentialsRequired,$CommandName"
    }

    It 'prints nothing before the error under pwsh -NonInteractive -File, as a scheduled task runs it' {
        $script = Join-Path $TestDrive 'connect-noninteractive.ps1'
        Set-Content -Path $script -Value "Import-Module '$ModulePath'; Connect-PromoOnly"
        $info = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
            $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
        }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $script) {
            $info.ArgumentList.Add($argument)
        }
        $info.Environment['NO_COLOR'] = '1'
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.RedirectStandardInput = $true
        $process = [System.Diagnostics.Process]::Start($info)
        $process.StandardInput.Close()
        $output = $process.StandardOutput.ReadToEndAsync()
        $errors = $process.StandardError.ReadToEndAsync()
        $process.WaitForExit(120000) | Should -BeTrue

        $output.Result | Should -BeNullOrEmpty
        $errors.Result | Should -Not -Match 'Enter your POOL account'
        $errors.Result | Should -Match 'cannot prompt'
    }
}

Describe 'Connecting from the environment' {
    BeforeEach {
        $script:saved = @{}
        foreach ($name in 'PROMOONLY_USER_ID', 'PROMOONLY_TOKEN', 'PROMOONLY_API_KEY', 'PROMOONLY_API_SECRET') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
    }

    AfterEach {
        foreach ($name in $saved.Keys) {
            [Environment]::SetEnvironmentVariable($name, $saved[$name])
        }
    }

    It 'connects with a user id, API key and secret' {
        $env:PROMOONLY_USER_ID = '1'
        $env:PROMOONLY_API_KEY = 'demo-api-key'
        $env:PROMOONLY_API_SECRET = 'demo-api-secret'

        $session = Connect-PromoOnly -FromEnvironment -PassThru

        $session.AuthenticationMode | Should -Be 'ApiKey'
        @(Get-PromoDownloadServer -TrackId 337865) | Should -HaveCount 3
    }

    It 'connects with a user id and token' {
        $env:PROMOONLY_USER_ID = '1'
        $env:PROMOONLY_TOKEN = $DemoTokenText

        (Connect-PromoOnly -FromEnvironment -PassThru).AuthenticationMode | Should -Be 'Token'
    }

    It 'names what is missing: <Missing>' -TestCases @(
        @{ Set = @{ PROMOONLY_API_KEY = 'k'; PROMOONLY_API_SECRET = 's' }; Missing = 'PROMOONLY_USER_ID' }
        @{ Set = @{ PROMOONLY_USER_ID = '1' }; Missing = 'PROMOONLY_API_KEY and PROMOONLY_API_SECRET (or PROMOONLY_TOKEN)' }
        @{ Set = @{ PROMOONLY_USER_ID = '1'; PROMOONLY_API_KEY = 'k' }; Missing = 'PROMOONLY_API_SECRET' }
        @{ Set = @{ PROMOONLY_USER_ID = '1'; PROMOONLY_API_SECRET = 's' }; Missing = 'PROMOONLY_API_KEY' }
    ) {
        foreach ($name in $Set.Keys) {
            [Environment]::SetEnvironmentVariable($name, $Set[$name])
        }

        { Connect-PromoOnly -FromEnvironment } |
            Should -Throw -ErrorId "EnvironmentIncomplete,$CommandName" -ExpectedMessage "*missing $Missing*"
    }
}

Describe 'A supplied token that expires' {
    It 'says the token expired and recommends the forms that renew' {
        $issued = Invoke-RestMethod -Method Post -Uri ([uri]::new($Emulator.BaseUri, 'user/authenticate')) `
            -Headers @{ Authorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('demo-api-key:demo-api-secret')) } `
            -Body @{ userid = 1 }
        Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString $issued.token -AsPlainText -Force)
        @(Get-PromoDownloadServer -TrackId 337865) | Should -HaveCount 3

        Wait-Until {
            (Invoke-RestMethod -Method Post -Uri ([uri]::new($Emulator.BaseUri, 'user/token/validate')) -Body @{ userid = 1; token = $issued.token }).token -eq 'invalid'
        }
        try {
            Get-PromoDownloadServer -TrackId 337865
        }
        catch {
            $record = $_
        }

        $record.FullyQualifiedErrorId | Should -Be 'TokenExpired,PromoOnly.Commands.GetPromoDownloadServerCommand'
        "$record" | Should -BeLike '*expire*'
        $record.ErrorDetails.RecommendedAction | Should -BeLike '*-ApiCredential*-Credential*'
    }
}

Describe 'The session store' {
    BeforeAll {
        Connect-PromoOnly -UserId 1 -ApiCredential (New-ApiCredential)
    }

    It 'is shared with ForEach-Object -Parallel runspaces' {
        $counts = 337865, 337801 | ForEach-Object -Parallel {
            Import-Module $using:ModulePath
            @(Get-PromoDownloadServer -TrackId $_ -ErrorAction Stop).Count
        }

        # -Parallel emits in completion order.
        ($counts | Sort-Object) | Should -Be @(2, 3)
    }

    It 'is shared with Start-ThreadJob runspaces' {
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:ModulePath
            (Get-PromoOnlySession).UserId
            @(Get-PromoDownloadServer -TrackId 337865 -ErrorAction Stop).Count
        }
        $result = $job | Wait-Job -Timeout 60 | Receive-Job
        $job | Remove-Job -Force

        $result | Should -Be @(1, 3)
    }

    It 'keeps the default session when connecting with -DoNotSetDefault, and -Session picks the other account' {
        $second = Connect-PromoOnly -UserId 2 -ApiCredential (New-ApiCredential 'second-api-key' 'second-api-secret') -DoNotSetDefault

        $second.UserId | Should -Be 2
        (Get-PromoOnlySession).UserId | Should -Be 1
        # 337813 is outside user 1's subscription and inside user 2's; 337827 the other way round.
        @(Get-PromoDownloadServer -TrackId 337813 -Session $second -ErrorAction Stop).Count | Should -BeGreaterThan 0
        $null = Get-PromoDownloadServer -TrackId 337813 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TrackNotInSubscription,*'
    }

    It 'runs two accounts side by side in parallel runspaces without crossing' {
        $second = Connect-PromoOnly -UserId 2 -ApiCredential (New-ApiCredential 'second-api-key' 'second-api-secret') -DoNotSetDefault

        $outcomes = @($null, $second) | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:ModulePath
            $parameters = if ($_) { @{ Session = $_ } } else { @{} }
            $user = if ($_) { 2 } else { 1 }
            1..10 | ForEach-Object {
                $null = Get-PromoDownloadServer -TrackId 337813 @parameters -ErrorVariable failed -ErrorAction SilentlyContinue
                [pscustomobject]@{ User = $user; Refused = [bool]$failed }
            }
        }

        # 337813 is refused for user 1 (the default session) and served for user 2 (-Session), every time.
        $outcomes | Should -HaveCount 20
        $outcomes | Where-Object User -EQ 1 | ForEach-Object { $_.Refused | Should -BeTrue }
        $outcomes | Where-Object User -EQ 2 | ForEach-Object { $_.Refused | Should -BeFalse }
    }

    It 'refuses a session that crossed a process boundary with a clear message' {
        $path = Join-Path $TestDrive 'session.xml'
        Get-PromoOnlySession | Export-Clixml -Path $path
        $copy = Import-Clixml -Path $path

        { Get-PromoDownloadServer -TrackId 337865 -Session $copy } | Should -Throw -ExpectedMessage '*Connect-PromoOnly in this process*'
    }

    It 'shows nothing and fails nothing once disconnected, and lookups then say NotConnected' {
        Disconnect-PromoOnly

        Get-PromoOnlySession | Should -BeNullOrEmpty
        { Disconnect-PromoOnly } | Should -Not -Throw
        { Get-PromoDownloadServer -TrackId 337865 } | Should -Throw -ErrorId 'NotConnected,PromoOnly.Commands.GetPromoDownloadServerCommand'
    }

    It 'refuses a disconnected session passed with -Session' {
        $session = Connect-PromoOnly -UserId 1 -ApiCredential (New-ApiCredential) -PassThru
        $session | Disconnect-PromoOnly

        $session.IsDisconnected | Should -BeTrue
        { Get-PromoDownloadServer -TrackId 337865 -Session $session } | Should -Throw -ErrorId 'SessionDisconnected,PromoOnly.Commands.GetPromoDownloadServerCommand'
    }
}

Describe 'An explicit proxy' {
    BeforeAll {
        # A second emulator stands in for the proxy: Kestrel answers absolute-form request lines,
        # so a request it receives proves the module went through the proxy rather than direct.
        $script:ProxyEmulator = Start-PoolEmulator -EmulatorPath $EmulatorPath
    }

    AfterAll {
        Stop-PoolEmulator $ProxyEmulator
    }

    It 'carries every call of the session, the token calls included' {
        $unreachable = 'http://api.promoonly.invalid/'

        # Plain http to another machine: allowed only on request (the proxy stands in for the network).
        $session = Connect-PromoOnly -UserId 1 -ApiCredential (New-ApiCredential) -ApiBaseUri $unreachable -Proxy $ProxyEmulator.BaseUri -AllowUnencryptedAuthentication -DoNotSetDefault -WarningAction SilentlyContinue
        $servers = Get-PromoDownloadServer -TrackId 337865 -Session $session

        $servers | Should -HaveCount 3
        $session.Proxy | Should -Be $ProxyEmulator.BaseUri
        $seen = Get-EmulatorRequest $ProxyEmulator
        $seen.path | Should -Contain '/user/authenticate'
        $seen.path | Should -Contain '/download/server/337865'
        $seen | ForEach-Object { $_.headers.Host | Should -Be 'api.promoonly.invalid' }
    }

    It 'refuses a proxy address with a password in it, pointing to -ProxyCredential and never repeating the password' {
        $proxy = 'http://proxy-user:' + 'proxy-pass-7f3a' + '@127.0.0.1:9/'
        Clear-EmulatorStat $ProxyEmulator

        $record = try { Connect-PromoOnly -UserId 1 -ApiCredential (New-ApiCredential) -Proxy $proxy -DoNotSetDefault } catch { $_ }

        $record.FullyQualifiedErrorId | Should -Be 'ProxyUserInfo,PromoOnly.Commands.ConnectPromoOnlyCommand'
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.ErrorDetails.RecommendedAction | Should -BeLike '*-ProxyCredential*'
        $shown = @("$record", $record.TargetObject, ($record | Format-List * -Force | Out-String), $record.Exception.ToString(), ($record | ConvertTo-Json -Depth 2 -WarningAction SilentlyContinue)) -join "`n"
        $shown | Should -Not -BeLike '*proxy-pass-7f3a*'
        $shown | Should -Not -BeLike '*proxy-user*'
        $record.TargetObject | Should -Be 'http://127.0.0.1:9/'
        (Get-EmulatorStat $ProxyEmulator).authenticate | Should -Be 0
    }

    It 'refuses a proxy credential without a proxy' {
        { Connect-PromoOnly -UserId 1 -ApiCredential (New-ApiCredential) -ProxyCredential (New-ApiCredential) } |
            Should -Throw -ErrorId 'ProxyCredentialWithoutProxy,PromoOnly.Commands.ConnectPromoOnlyCommand'
    }
}
