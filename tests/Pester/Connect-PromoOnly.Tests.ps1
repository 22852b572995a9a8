BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -NoConnect
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Connect-PromoOnly with a token' {
    It 'validates the token and returns a session that shows state, not secrets' {
        $session = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -PassThru

        $session | Should -BeOfType ([PromoOnly.PromoOnlySession])
        $session.UserId | Should -Be 1
        $session.AuthenticationMode | Should -Be 'Token'
        $session.ApiBaseUri | Should -Be $Emulator.BaseUri
        $session.ConnectedAt.Kind | Should -Be 'Utc'

        $shown = @(
            $session.ToString()
            $session | Format-List * | Out-String
            $session | Format-Table * | Out-String
            $session | ConvertTo-Json -Depth 10
            [System.Management.Automation.PSSerializer]::Serialize($session, 10)
        ) -join "`n"
        $shown | Should -Not -BeLike "*$DemoTokenText*"
        $shown | Should -Not -BeLike "*MTo4YjI2ZTFlNGYz*"
    }

    It 'sends endpoint 3 exactly: a form with userid and token and no Authorization header' {
        Clear-EmulatorRequest $Emulator

        Connect-PromoOnly -UserId 1 -Token (New-DemoToken)

        $request = Get-EmulatorRequest $Emulator | Where-Object path -EQ '/user/token/validate'
        @($request).Count | Should -Be 1
        $request.method | Should -Be 'POST'
        $request.form.userid | Should -Be '1'
        $request.form.token | Should -Be $DemoTokenText
        $request.headers.PSObject.Properties.Name | Should -Not -Contain 'Authorization'
        $request.headers.'Content-Type' | Should -BeLike 'application/x-www-form-urlencoded*'
    }

    It 'refuses an invalid token with a terminating error and keeps the previous session' {
        Connect-PromoOnly -UserId 1 -Token (New-DemoToken)
        $bad = ConvertTo-SecureString 'ffffffffffffffffffffffffffffffff' -AsPlainText -Force

        { Connect-PromoOnly -UserId 1 -Token $bad } |
            Should -Throw -ErrorId 'InvalidToken,PromoOnly.Commands.ConnectPromoOnlyCommand'

        @(Get-PromoDownloadServer -TrackId 337865).Count | Should -Be 3
    }

    It 'says what to do next when the token is refused' {
        $bad = ConvertTo-SecureString 'ffffffffffffffffffffffffffffffff' -AsPlainText -Force
        try {
            Connect-PromoOnly -UserId 1 -Token $bad
        }
        catch {
            $record = $_
        }

        $record.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $record.TargetObject | Should -Be 1
        $record.ErrorDetails.RecommendedAction | Should -Match 'Connect-PromoOnly'
        "$record" | Should -Not -BeLike '*ffffffffffffffff*'
    }

    It 'connects without a network call when asked to skip validation' {
        Clear-EmulatorRequest $Emulator

        Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -SkipValidation

        @(Get-EmulatorRequest $Emulator).Count | Should -Be 0
    }

    It 'accepts only absolute http or https API addresses' -TestCases @(
        @{ Address = 'ftp://api.promoonly.com' }
        @{ Address = 'https://user:secret@api.promoonly.com' }
        @{ Address = 'https://api.promoonly.com/?x=1' }
    ) {
        { Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $Address -SkipValidation } |
            Should -Throw -ErrorId 'InvalidApiBaseUri,PromoOnly.Commands.ConnectPromoOnlyCommand'
    }

    It 'names the environment variable when its address is unusable' {
        $saved = $env:PROMOONLY_API_BASE_URI
        try {
            $env:PROMOONLY_API_BASE_URI = 'not a uri'
            { Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -SkipValidation } |
                Should -Throw -ExpectedMessage '*PROMOONLY_API_BASE_URI*'
        }
        finally {
            $env:PROMOONLY_API_BASE_URI = $saved
        }
    }

    It 'prefers -ApiBaseUri over the environment' {
        $saved = $env:PROMOONLY_API_BASE_URI
        try {
            $env:PROMOONLY_API_BASE_URI = 'http://127.0.0.1:1/'
            $session = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $Emulator.BaseUri -PassThru
            $session.ApiBaseUri | Should -Be $Emulator.BaseUri
        }
        finally {
            $env:PROMOONLY_API_BASE_URI = $saved
        }
    }

    It 'defaults to the live service when neither the parameter nor the environment names one' {
        $saved = $env:PROMOONLY_API_BASE_URI
        try {
            Remove-Item Env:\PROMOONLY_API_BASE_URI
            $session = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -SkipValidation -PassThru
            $session.ApiBaseUri | Should -Be 'https://api.promoonly.com/'
        }
        finally {
            $env:PROMOONLY_API_BASE_URI = $saved
        }
    }

    It 'refuses plain http to another machine before sending anything: <Address>' -TestCases @(
        @{ Address = 'http://api.promoonly.invalid/' }
        @{ Address = 'http://10.1.2.3:8080/' }
        @{ Address = 'http://localhost.promoonly.invalid/' }
    ) {
        $record = try { Connect-PromoOnly -UserId 1 -ApiCredential ([pscredential]::new('demo-api-key', (ConvertTo-SecureString 'demo-api-secret' -AsPlainText -Force))) -ApiBaseUri $Address } catch { $_ }

        $record.FullyQualifiedErrorId | Should -Be 'UnencryptedAuthentication,PromoOnly.Commands.ConnectPromoOnlyCommand'
        $record.CategoryInfo.Category | Should -Be 'SecurityError'
        $record.ErrorDetails.RecommendedAction | Should -BeLike '*https*-AllowUnencryptedAuthentication*'
    }

    It 'refuses plain http from the environment variable too' {
        $saved = $env:PROMOONLY_API_BASE_URI
        try {
            $env:PROMOONLY_API_BASE_URI = 'http://api.promoonly.invalid/'
            { Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -SkipValidation } |
                Should -Throw -ErrorId 'UnencryptedAuthentication,PromoOnly.Commands.ConnectPromoOnlyCommand'
        }
        finally {
            $env:PROMOONLY_API_BASE_URI = $saved
        }
    }

    It 'allows plain http to this machine silently: <Address>' -TestCases @(
        @{ Address = 'http://127.0.0.1:{0}/' }
        @{ Address = 'http://127.0.0.2:{0}/' }
        @{ Address = 'http://localhost:{0}/' }
        @{ Address = 'http://[::1]:{0}/' }
    ) {
        $uri = $Address -f $Emulator.BaseUri.Port

        $session = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -SkipValidation -ApiBaseUri $uri -DoNotSetDefault -WarningVariable warnings

        $session.ApiBaseUri | Should -Be $uri
        $warnings | Should -BeNullOrEmpty
    }

    It 'sends credentials unencrypted only with -AllowUnencryptedAuthentication, and warns once' {
        $session = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -SkipValidation -ApiBaseUri 'http://api.promoonly.invalid/' -AllowUnencryptedAuthentication -DoNotSetDefault -WarningVariable warnings -WarningAction SilentlyContinue

        $session.ApiBaseUri | Should -Be 'http://api.promoonly.invalid/'
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike '*unencrypted*'
    }

    It 'rejects a user id below 1 before any request' {
        { Connect-PromoOnly -UserId 0 -Token (New-DemoToken) } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PromoOnly.Commands.ConnectPromoOnlyCommand'
    }
}

Describe 'Connect-PromoOnly when the API redirects its POSTs' {
    It 'follows a <Status> to the same API, re-sending the same form' -TestCases @(
        @{ Status = 307 }
        @{ Status = 308 }
    ) {
        $moved = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--redirect-posts', "$Status"
        try {
            $apiCredential = [pscredential]::new('demo-api-key', (ConvertTo-SecureString 'demo-api-secret' -AsPlainText -Force))

            $session = Connect-PromoOnly -UserId 1 -ApiCredential $apiCredential -ApiBaseUri $moved.BaseUri -DoNotSetDefault -PassThru

            $session.AuthenticationMode | Should -Be 'ApiKey'
            $posts = @(Get-EmulatorRequest $moved | Where-Object method -EQ 'POST')
            $posts.Count | Should -BeGreaterOrEqual 2
            $posts[0].status | Should -Be $Status
            $posts[1].status | Should -Be 200
            $posts[0].form.userid | Should -Be '1'
            $posts[1].form.userid | Should -Be '1'
        }
        finally {
            Stop-PoolEmulator $moved
        }
    }

    It 'refuses a <Status> rather than re-sending the POST without its form' -TestCases @(
        @{ Status = 301 }
        @{ Status = 302 }
        @{ Status = 303 }
    ) {
        $moved = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--redirect-posts', "$Status"
        try {
            { Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $moved.BaseUri -DoNotSetDefault } |
                Should -Throw -ErrorId 'ApiRedirected,PromoOnly.Commands.ConnectPromoOnlyCommand' -ExpectedMessage '*307 and 308*'

            @(Get-EmulatorRequest $moved | Where-Object method -EQ 'POST').Count | Should -Be 1
        }
        finally {
            Stop-PoolEmulator $moved
        }
    }
}
