# Connect-PromoOnly and Disconnect-PromoOnly as a person at the prompt meets them: a welcome line
# only there, a clear message for -UserId alone, -WhatIf, and a session that serialises readably.
BeforeDiscovery {
    # util-linux `script` gives a pseudo-terminal; without it the interactive cases cannot run.
    $script:HasPty = [bool](Get-Command script -CommandType Application -ErrorAction Ignore)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -NoConnect
    $script:ConnectName = 'PromoOnly.Commands.ConnectPromoOnlyCommand'

    # Runs $Command in a fresh pwsh on a pseudo-terminal (util-linux `script`), as if typed at an
    # interactive prompt: -Command text runs with CommandOrigin Runspace, stdout is a terminal.
    # With -InterruptWhen, presses Ctrl+C (a 0x03 byte into the terminal) once that condition holds.
    function Invoke-AtPrompt([string] $Command, [string[]] $PwshArgument = @(), [scriptblock] $InterruptWhen) {
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Command))
        $pwsh = @([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
            $pwsh += Join-Path $PSHOME 'pwsh.dll'
        }
        $line = (($pwsh + '-NoProfile' + $PwshArgument + '-EncodedCommand' + $encoded) | ForEach-Object { "'$_'" }) -join ' '
        $info = [System.Diagnostics.ProcessStartInfo]::new('script')
        foreach ($argument in '-qec', $line, '/dev/null') { $info.ArgumentList.Add($argument) }
        $info.Environment['PROMOONLY_API_BASE_URI'] = $Emulator.BaseUri.AbsoluteUri
        $info.Environment['PSModulePath'] = $env:PSModulePath
        $info.UseShellExecute = $false
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $process = [System.Diagnostics.Process]::Start($info)
        $output = $process.StandardOutput.ReadToEndAsync()
        if ($InterruptWhen) {
            Wait-Until $InterruptWhen -GuardSeconds 60
            $process.StandardInput.Write([char]3)
            $process.StandardInput.Flush()
        }
        $process.StandardInput.Close()
        if (-not $process.WaitForExit(120000)) {
            $process.Kill($true)
            throw 'The pwsh on a pseudo-terminal did not finish within 120 s.'
        }
        # Terminal control sequences out, so the text can be matched.
        $output.Result -replace '\x1b\[[0-9;?]*[A-Za-z=>]|\x1b[=>]', ''
    }

    $script:Connect = "Import-Module '$ModulePath'; Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString $DemoTokenText -AsPlainText -Force)"
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'The welcome line of Connect-PromoOnly' {
    It 'is one line at an interactive prompt: who, which address, and the token' -Skip:(-not $HasPty) {
        $shown = Invoke-AtPrompt "$Connect; 'done'"

        $shown | Should -Match "Connected to $([regex]::Escape($Emulator.BaseUri.AbsoluteUri)) as POOL user 1 \(Token\); a supplied token cannot be renewed"
        ($shown -split "`n" | Where-Object { $_ -match 'Connected to' }) | Should -HaveCount 1
        $shown | Should -Not -Match $DemoTokenText
        $shown | Should -Match 'done'
    }

    It 'names the expiry of a renewing session' -Skip:(-not $HasPty) {
        $shown = Invoke-AtPrompt "Import-Module '$ModulePath'; Connect-PromoOnly -UserId 1 -ApiCredential ([pscredential]::new('demo-api-key', (ConvertTo-SecureString demo-api-secret -AsPlainText -Force)))"

        $shown | Should -Match '\(ApiKey\); the token expires at \d\d:\d\d:\d\d UTC and renews by itself\.'
        # The welcome line is a new path out of the session: no secret may travel it.
        $shown | Should -Not -Match 'demo-api-secret'
        $shown | Should -Not -Match 'demo-api-key'
    }

    It 'is left out with -NoWelcome' -Skip:(-not $HasPty) {
        $shown = Invoke-AtPrompt "$Connect -NoWelcome; 'done'"

        $shown | Should -Match 'done'
        $shown | Should -Not -Match 'Connected to'
    }

    It 'is left out under -NonInteractive' -Skip:(-not $HasPty) {
        $shown = Invoke-AtPrompt "$Connect; 'done'" -PwshArgument '-NonInteractive'

        $shown | Should -Match 'done'
        $shown | Should -Not -Match 'Connected to'
    }

    It 'is left out when called from a script block or function, not typed' -Skip:(-not $HasPty) {
        $shown = Invoke-AtPrompt "& { $Connect }; 'done'"

        $shown | Should -Match 'done'
        $shown | Should -Not -Match 'Connected to'
    }

    It 'is left out when the output is redirected' {
        $output = Invoke-FreshPwsh -Script "$Connect 6>&1 | ForEach-Object { `"[`$_]`" }; 'done'" -Environment @{ PROMOONLY_API_BASE_URI = $Emulator.BaseUri.AbsoluteUri }

        $output | Should -Match 'done'
        $output | Should -Not -Match 'Connected to'
    }

    It 'never reaches the pipeline, even with -PassThru' {
        $output = @(Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -PassThru 6>$null)

        $output | Should -HaveCount 1
        $output[0] | Should -BeOfType ([PromoOnly.PromoOnlySession])
    }
}

Describe 'Connect-PromoOnly -UserId without a credential' {
    It 'names the forms that take a user id instead of "Parameter set cannot be resolved"' {
        $failure = try { Connect-PromoOnly -UserId 1; $null } catch { $_ }

        $failure.FullyQualifiedErrorId | Should -Be "CredentialParameterMissing,$ConnectName"
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.TargetObject | Should -Be 1
        foreach ($form in '-ApiCredential', '-Token', '-Credential', '-FromEnvironment') {
            $failure.ErrorDetails.RecommendedAction | Should -BeLike "*$form*"
        }
    }

    It 'sends nothing to the API' {
        Clear-EmulatorRequest $Emulator

        { Connect-PromoOnly -UserId 1 } | Should -Throw

        @(Get-EmulatorRequest $Emulator) | Should -BeNullOrEmpty
    }
}

Describe 'Disconnect-PromoOnly -WhatIf' {
    It 'says what it would disconnect and leaves the session connected' {
        Connect-PromoOnly -UserId 1 -Token (New-DemoToken)
        $session = Get-PromoOnlySession

        Disconnect-PromoOnly -WhatIf

        Get-PromoOnlySession | Should -Be $session
        $session.IsDisconnected | Should -BeFalse
        @(Get-PromoDownloadServer 337865).Count | Should -Be 3
    }

    It 'says nothing to do when nothing is connected, and disconnects for real without -WhatIf' {
        Connect-PromoOnly -UserId 1 -Token (New-DemoToken)
        $session = Get-PromoOnlySession

        Disconnect-PromoOnly

        $session.IsDisconnected | Should -BeTrue
        Get-PromoOnlySession | Should -BeNullOrEmpty
        Disconnect-PromoOnly -WhatIf -Verbose 4>&1 | ForEach-Object Message | Should -Match 'nothing to disconnect'
    }
}

Describe 'A session in JSON and CSV' {
    It 'shows AuthenticationMode by name' {
        $session = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -DoNotSetDefault

        ($session | ConvertTo-Json | ConvertFrom-Json).AuthenticationMode | Should -BeExactly 'Token'
        ($session | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv).AuthenticationMode | Should -BeExactly 'Token'
        $session.AuthenticationMode -eq [PromoOnly.AuthenticationMode]::Token | Should -BeTrue
    }
}

Describe 'The end-of-run line of Save-PromoTrack' {
    It 'is one line at an interactive prompt after a run of more than one track: saved, skipped, failed' -Skip:(-not $HasPty) {
        $folder = Join-Path $TestDrive 'summary'

        $shown = Invoke-AtPrompt "$Connect; Save-PromoTrack 123401, 123402, 123444 -Path '$folder' -ErrorAction SilentlyContinue | Out-Null; 'done'"

        $shown | Should -Match "Save-PromoTrack: 2 saved, 0 skipped, 1 failed in '$([regex]::Escape($folder))'\."
        @($shown -split "`n" | Where-Object { $_ -match 'Save-PromoTrack( stopped)?:' }) | Should -HaveCount 1
        $shown | Should -Match 'done'
    }

    It 'is left out after a run of one track' -Skip:(-not $HasPty) {
        $shown = Invoke-AtPrompt "$Connect; Save-PromoTrack 123401 -Path '$(Join-Path $TestDrive 'one')' | Out-Null; 'done'"

        $shown | Should -Match 'done'
        $shown | Should -Not -Match 'Save-PromoTrack:'
    }

    It 'is left out under -NonInteractive, in a script block, and when the output is redirected' -Skip:(-not $HasPty) {
        $save = "Save-PromoTrack 123401, 123402 -Path '$(Join-Path $TestDrive 'quiet')' | Out-Null; 'done'"

        $nonInteractive = Invoke-AtPrompt "$Connect; $save" -PwshArgument '-NonInteractive'
        $scriptBlock = Invoke-AtPrompt "$Connect; & { $save }"
        $redirected = Invoke-FreshPwsh -Script "$Connect; $save" -Environment @{ PROMOONLY_API_BASE_URI = $Emulator.BaseUri.AbsoluteUri }

        foreach ($shown in $nonInteractive, $scriptBlock, $redirected) {
            $shown | Should -Match 'done'
            $shown | Should -Not -Match 'Save-PromoTrack:'
        }
    }

    It 'says after Ctrl+C at the prompt that the partial files were kept for the next run' -Skip:(-not $HasPty) {
        $folder = Join-Path $TestDrive 'interrupted'
        # The emulator holds both answers after their first 64 KiB, so both are still downloading
        # when Ctrl+C comes, however long it takes to arrive.
        $ids = 972001, 972002
        foreach ($id in $ids) { $null = Invoke-RestMethod -Method Post ([uri]::new($Emulator.BaseUri, "_emulator/media/$id/hold")) }
        $partials = { @(Get-ChildItem -LiteralPath $folder -Filter *.partial -Force -ErrorAction Ignore | Where-Object Length -GT 0).Count -eq 2 }

        try {
            # No progress bar: drawing one asks the terminal where its cursor is, and this pseudo-terminal
            # has no terminal behind it to answer, so each drawing waits out .NET's reply timeout.
            $shown = Invoke-AtPrompt "$Connect; `$ProgressPreference = 'SilentlyContinue'; Save-PromoTrack $($ids -join ', ') -Path '$folder' -ThrottleLimit 2 | Out-Null" -InterruptWhen $partials
        }
        finally {
            foreach ($id in $ids) { $null = Invoke-RestMethod -Method Delete ([uri]::new($Emulator.BaseUri, "_emulator/media/$id/hold")) }
        }

        $shown | Should -Match "Save-PromoTrack stopped: 0 saved, 0 skipped, 0 failed in '$([regex]::Escape($folder))'; 2 partial files kept, which the next run continues\."
        @(Get-ChildItem -LiteralPath $folder -Filter *.partial -Force) | Should -HaveCount 2
    }
}
