# Secrets never escape: every cmdlet and failure path, with -Verbose and -Debug, under a transcript;
# then every stream, the transcript, $Error and the serialised sessions are searched for each secret.
# The emulator quotes every request back in its failure answers (--echo-request), so each secret
# also arrives in the spellings it travelled in: base64 in the Authorization headers, URL-encoded in
# forms and links.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -ArgumentList '--token-ttl', '2', '--echo-request' -NoConnect

    # Two refused secrets with characters that every encoding changes.
    $script:OddSecret = 'wrong/secret+välue=?'
    $script:OddPassword = 'wrong pass/wörd+value&1'
    $script:Secrets = @($DemoTokenText, 'demo-api-secret', 'demo-password', 'second-api-secret', 'wrong-secret-value', 'wrong-password-value', 'ffffffffffffffffffffffffffffffff', 'proxy-secret-value', $OddSecret, $OddPassword)

    # Base64 without its padding, which also finds it padded, URL-encoded or after "Bearer ".
    function ConvertTo-Base64([string] $Text) {
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Text)).TrimEnd('=')
    }
    function Get-Spelling([string] $Secret, [string] $Pair) {
        $Secret
        [Uri]::EscapeDataString($Secret)
        [Net.WebUtility]::UrlEncode($Secret)
        ConvertTo-Base64 $Secret
        if ($Pair) {
            $base64 = ConvertTo-Base64 $Pair
            $base64
            [Uri]::EscapeDataString($base64)
        }
    }
    $script:Forms = [Collections.Generic.List[string]]::new()
    foreach ($secret in $Secrets) {
        foreach ($form in Get-Spelling $secret) { $Forms.Add($form) }
    }
    # The header values: "1:" + token and key:secret, whose base64 shifts the alphabet.
    foreach ($pair in "1:$DemoTokenText", 'demo-api-key:demo-api-secret', 'demo-api-key:wrong-secret-value', "demo-api-key:$OddSecret", '2:0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'second-api-key:second-api-secret', '1:ffffffffffffffffffffffffffffffff') {
        foreach ($form in Get-Spelling '' $pair | Where-Object { $_ }) { $Forms.Add($form) }
    }

    # Every credential that actually crossed the wire, as the emulator logged it: the renewed tokens
    # too, which no test can know in advance.
    function Add-WireSecret {
        foreach ($request in Get-EmulatorRequest $Emulator) {
            $authorization = $request.headers.Authorization
            if ($authorization -match '^(Bearer|Basic) (\S{8,})$') {
                $value = $Matches[2]
                $Forms.Add($value.TrimEnd('='))
                $Forms.Add([Uri]::EscapeDataString($value))
                $decoded = try { [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($value)) } catch { '' }
                if ($decoded -match '^[^:]+:(.{8,})$') {
                    foreach ($form in Get-Spelling $Matches[1]) { $Forms.Add($form) }
                }
            }
            foreach ($field in 'token', 'password') {
                if ($request.form -and $request.form.$field) {
                    foreach ($form in Get-Spelling $request.form.$field) { $Forms.Add($form) }
                }
            }
        }
    }

    function Find-Secret([string] $Text) {
        foreach ($form in $Forms | Select-Object -Unique) {
            if ($Text.Contains($form)) {
                $form
            }
        }
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Secrets' {
    It 'appear in no stream, transcript, error or serialised session' {
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $Error.Clear()
        $VerbosePreference = 'Continue'
        $DebugPreference = 'Continue'
        $InformationPreference = 'Continue'
        $apiCredential = [pscredential]::new('demo-api-key', (ConvertTo-SecureString 'demo-api-secret' -AsPlainText -Force))
        $signIn = [pscredential]::new('demo@promoonly.example', (ConvertTo-SecureString 'demo-password' -AsPlainText -Force))

        $exercise = {
            $sessions = @(
                Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -PassThru -Verbose -Debug
                Connect-PromoOnly -UserId 1 -ApiCredential $apiCredential -PassThru -Verbose -Debug
                Connect-PromoOnly -Credential $signIn -PassThru -Verbose -Debug
                Connect-PromoOnly -UserId 2 -ApiCredential ([pscredential]::new('second-api-key', (ConvertTo-SecureString 'second-api-secret' -AsPlainText -Force))) -DoNotSetDefault -Verbose -Debug
            )
            $sessions
            $sessions | Format-List * | Out-String
            $sessions | Format-Table * | Out-String
            $sessions | ForEach-Object { $_.ToString() }
            $sessions | ConvertTo-Json -Depth 10
            [System.Management.Automation.PSSerializer]::Serialize($sessions, 10)
            Get-PromoOnlySession -Verbose -Debug | Format-List * | Out-String

            # Failure paths: refused credentials of every kind, bad answers, a token that expires.
            try { Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString 'ffffffffffffffffffffffffffffffff' -AsPlainText -Force) -Verbose -Debug } catch { $_ }
            try { Connect-PromoOnly -UserId 1 -ApiCredential ([pscredential]::new('demo-api-key', (ConvertTo-SecureString 'wrong-secret-value' -AsPlainText -Force))) -Verbose -Debug } catch { $_ }
            try { Connect-PromoOnly -Credential ([pscredential]::new('demo@promoonly.example', (ConvertTo-SecureString 'wrong-password-value' -AsPlainText -Force))) -Verbose -Debug } catch { $_ }
            try { Connect-PromoOnly -UserId 1 -ApiCredential ([pscredential]::new('demo-api-key', (ConvertTo-SecureString $OddSecret -AsPlainText -Force))) -Verbose -Debug } catch { $_ }
            try { Connect-PromoOnly -Credential ([pscredential]::new('demo@promoonly.example', (ConvertTo-SecureString $OddPassword -AsPlainText -Force))) -Verbose -Debug } catch { $_ }
            337865, 337813, 337844, 900001, 900002, 900003, 900006, 900007, 900008, 900010 |
                Get-PromoDownloadServer -Verbose -Debug -ErrorAction Continue
            # A hostile server that quotes the session's token back in its error message.
            Get-PromoDownloadServer -TrackId 900101 -MaxRetryCount 0 -Verbose -Debug -ErrorAction Continue
            # A proxy address with a password in it is refused without repeating it.
            try { Connect-PromoOnly -UserId 1 -ApiCredential $apiCredential -Proxy ('http://proxy-user:' + 'proxy-secret-value' + '@127.0.0.1:9/') -Verbose -Debug } catch { $_ }
            # The catalogue calls, on the renewing sign-in session, and their failure paths.
            Get-PromoRelease -Verbose -Debug | Select-Object -First 2 | Get-PromoTrack -Verbose -Debug | Format-List * | Out-String
            Get-PromoRelease -Id 49999 -Verbose -Debug -ErrorAction Continue
            Find-PromoTrack -Artist 'AC/DC' -Verbose -Debug | Select-Object -First 1 | Get-PromoTrackVersion -Verbose -Debug
            Get-PromoDownloadHistory -First 2 -Verbose -Debug
            Get-PromoFileFormat -Verbose -Debug
            try { Get-PromoFileFormat -Session (Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString 'ffffffffffffffffffffffffffffffff' -AsPlainText -Force) -SkipValidation -DoNotSetDefault) -Verbose -Debug } catch { $_ }
            # The rest of the API, answered on the renewing session, then refused for a bad token.
            Get-PromoPreference -Verbose -Debug | Format-List * | Out-String
            Get-PromoChart -Verbose -Debug | Select-Object -First 2
            Get-PromoReleaseFormat -Verbose -Debug | Select-Object -First 2
            Get-PromoFileNaming -Verbose -Debug | Format-List * | Out-String
            Get-PromoDjSession -Verbose -Debug | Select-Object -First 2
            Find-PromoRelease -Query 'Promo' -Verbose -Debug | Select-Object -First 2
            try { Get-PromoUserId -Email 'nobody@promoonly.example' -Verbose -Debug -ErrorAction Continue } catch { $_ }
            $refused = Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString 'ffffffffffffffffffffffffffffffff' -AsPlainText -Force) -SkipValidation -DoNotSetDefault
            foreach ($command in 'Get-PromoPreference', 'Get-PromoChart', 'Get-PromoReleaseFormat', 'Get-PromoFileNaming', 'Get-PromoDjSession') {
                try { & $command -Session $refused -Verbose -Debug -ErrorAction Continue } catch { $_ }
            }
            try { Request-PromoRedownload 123401 -Reason 'lost disk' -Session $refused -Confirm:$false -Verbose -Debug -ErrorAction Continue } catch { $_ }
            try { Remove-PromoDownloadQueue 123401 -Session $refused -Confirm:$false -Verbose -Debug -ErrorAction Continue } catch { $_ }
            try { Set-PromoFormatFilter 1 -Session $refused -Confirm:$false -Verbose -Debug -ErrorAction Continue } catch { $_ }
            # Downloads: a saved file, an HTML answer, a refused success signal, a host outside the API's domain.
            Save-PromoTrack 123401, 990002, 990006, 990008 -Path (Join-Path $TestDrive 'saves') -Force -MaxRetryCount 0 -Verbose -Debug -ErrorAction Continue |
                Format-List * | Out-String
            # A media host that names the file after the request it answered: the Bearer header and the token.
            $tokenOnly = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -SkipValidation -DoNotSetDefault
            Save-PromoTrack 123402 -Session $tokenOnly -Path (Join-Path $TestDrive 'named') -Force -Verbose -Debug -ErrorAction Continue | Format-List * | Out-String
            Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -SkipValidation
            try { Get-PromoDownloadServer -TrackId 337865 -Session (Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString 'ffffffffffffffffffffffffffffffff' -AsPlainText -Force) -SkipValidation -DoNotSetDefault) -Verbose -Debug } catch { $_ }
            Disconnect-PromoOnly -Verbose -Debug
        }

        $bearer = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("1:$DemoTokenText"))
        $fileName = [Text.Encoding]::UTF8.GetBytes("Bearer $bearer $DemoTokenText.mp3")
        $null = Invoke-RestMethod -Method Put -Uri ([uri]::new($Emulator.BaseUri, '_emulator/media/123402/file-name')) -Body $fileName -ContentType 'text/plain; charset=utf-8'

        # Once as a user at the prompt sees it, recorded by a transcript; once captured stream by stream.
        Start-Transcript -Path $transcript
        & $exercise | Out-Host
        Stop-Transcript
        $everything = & $exercise *>&1 | Out-String -Width 500

        $errors = foreach ($record in $Error) {
            $record | Format-List * -Force | Out-String -Width 500
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $record.Exception.ToString()
                $record.ErrorDetails | Out-String
                $exception = $record.Exception
                while ($exception) {
                    $exception | Format-List * -Force | Out-String -Width 500
                    $exception = $exception.InnerException
                }
            }
            else {
                $record.ToString()
            }
        }
        # What the downloads left on disk: file names, and the record (every file that is not media).
        $onDisk = foreach ($file in Get-ChildItem (Join-Path $TestDrive 'saves'), (Join-Path $TestDrive 'named') -Recurse -Force -File) {
            $file.Name
            if ($file.Extension -notin '.mp3', '.mp4') { Get-Content -LiteralPath $file.FullName -Raw }
        }
        $clixml = Join-Path $TestDrive 'sessions.xml'
        Get-PromoOnlySession | Export-Clixml -Path $clixml

        $VerbosePreference = $DebugPreference = $InformationPreference = 'SilentlyContinue'
        Add-WireSecret
        # The search itself works, and what it searches did capture the run, echoes included.
        Find-Secret "x$($Forms[1])x" | Should -Be $Forms[1]
        $Forms.Count | Should -BeGreaterThan 100
        $everything | Should -Match 'request: Authorization: Bearer \[secret\]'
        $everything | Should -Match 'Authorization: Basic \[secret\]'
        $everything | Should -Match 'password=\[secret\]'
        $everything | Should -Match 'auth=Bearer%20\[secret\]' 
        $everything | Should -Match '(?m)^GET .*download/server/337865'
        $everything | Should -Match 'TrackNotInSubscription|not covered'
        $everything | Should -Match 'Token \[secret\] is not valid'
        $everything | Should -Match 'download/queue/123401'
        $everything | Should -Match 'DownloadNotAcknowledged|did not confirm'
        Get-Content $transcript -Raw | Should -Match 'download/server/900001'
        $everything | Should -Match '(?m)^GET .*/release/49999'
        $everything | Should -Match 'user/file_formats'
        $everything | Should -Match '401 Unauthorized from POST .*/download/redownload_request'
        $Error.Count | Should -BeGreaterThan 5
        Find-Secret $everything | Should -BeNullOrEmpty
        Find-Secret (Get-Content $transcript -Raw) | Should -BeNullOrEmpty
        Find-Secret ($errors -join "`n") | Should -BeNullOrEmpty
        Find-Secret (Get-Content $clixml -Raw) | Should -BeNullOrEmpty
        $onDisk -join "`n" | Should -Match 'Bearer \[secret\]'
        Find-Secret ($onDisk -join "`n") | Should -BeNullOrEmpty
    }
}
