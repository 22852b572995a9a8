# One clear message per problem, pointing at the real cause: advice shown once whatever the error
# view, a pasted token, a wrong -UserId, an API address with a path, a proxy that refuses.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -ArgumentList '--dead-mirror', 'no-proxy-here'
    $script:ConnectName = 'PromoOnly.Commands.ConnectPromoOnlyCommand'
    $script:LookupName = 'PromoOnly.Commands.GetPromoDownloadServerCommand'

    # How many times $Needle occurs in $Text, spread over wrapped lines or not.
    function Measure-Occurrence([string] $Text, [string] $Needle) {
        $flat = ($Text -replace '\s+', ' ')
        ([regex]::Matches($flat, [regex]::Escape(($Needle -replace '\s+', ' ')))).Count
    }

    # The error a command raises, caught; the record, not its text.
    function Get-Failure([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'The recommendation in each error view' {
    AfterEach {
        $global:ErrorView = 'ConciseView'
    }

    It 'appears once in PowerShell 7''s default ConciseView' {
        $global:ErrorView = 'ConciseView'
        $null = Get-PromoDownloadServer -TrackId 123444 -ErrorVariable failures -ErrorAction SilentlyContinue
        $advice = $failures[0].ErrorDetails.RecommendedAction

        $shown = $failures[0] | Out-String -Width 4000

        $advice | Should -Not -BeNullOrEmpty
        Measure-Occurrence $shown $advice | Should -Be 1
        $shown | Should -Match 'Recommendation:'
        "$($failures[0])" | Should -BeLike '*Track 123444 was not found*'
    }

    It 'appears once, in the message, in NormalView, which shows no Recommendation line' {
        $global:ErrorView = 'NormalView'
        $null = Get-PromoDownloadServer -TrackId 123444 -ErrorVariable failures -ErrorAction SilentlyContinue
        $advice = $failures[0].ErrorDetails.RecommendedAction

        $shown = $failures[0] | Out-String -Width 4000

        Measure-Occurrence $shown $advice | Should -Be 1
        "$($failures[0])" | Should -BeLike "*$advice"
    }

    It 'appears once for a terminating error too' {
        $global:ErrorView = 'ConciseView'
        $failure = Get-Failure { Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString 'ffffffffffffffffffffffffffffffff' -AsPlainText -Force) -DoNotSetDefault }

        Measure-Occurrence ($failure | Out-String -Width 4000) $failure.ErrorDetails.RecommendedAction | Should -Be 1
    }
}

Describe 'InvalidToken' {
    It 'says when the token given contains a space or line break' {
        $pasted = ConvertTo-SecureString " $DemoTokenText`n" -AsPlainText -Force

        $failure = Get-Failure { Connect-PromoOnly -UserId 1 -Token $pasted -DoNotSetDefault }

        $failure.FullyQualifiedErrorId | Should -Be "InvalidToken,$ConnectName"
        $failure.Exception.Message | Should -Match 'contains a space or line break'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'no space or line break'
        ($failure | Out-String -Width 4000) + ($failure | Format-List * -Force | Out-String) | Should -Not -Match $DemoTokenText
    }

    It 'points at -UserId when the token belongs to another user' {
        $failure = Get-Failure { Connect-PromoOnly -UserId 2 -Token (New-DemoToken) -DoNotSetDefault }

        $failure.FullyQualifiedErrorId | Should -Be "InvalidToken,$ConnectName"
        $failure.Exception.Message | Should -Not -Match 'space'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'issued to user 2 \(-UserId\)'
    }
}

Describe 'An API address with a path' {
    It 'makes Connect-PromoOnly say that the address looks wrong' {
        $wrong = "$($Emulator.BaseUri)api/pool"

        $failure = Get-Failure { Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $wrong -DoNotSetDefault }

        "$failure" | Should -Match "has a path \('/api/pool/'\)"
        "$failure" | Should -Match 'the address looks wrong: check -ApiBaseUri'
    }

    It 'makes every lookup say it as well, not only that the track was not found' {
        $session = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri "$($Emulator.BaseUri)api" -SkipValidation -DoNotSetDefault

        $null = Get-PromoDownloadServer 337865 -Session $session -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].FullyQualifiedErrorId | Should -Be "TrackNotFound,$LookupName"
        "$($failures[0])" | Should -Match 'the address looks wrong'
    }
}

Describe 'A proxy that refuses the connection' {
    It 'is named in the error, not mistaken for the API' {
        # A dead mirror is a loopback port that is bound but never listens: a reliable refusal.
        $dead = (Invoke-RestMethod -Uri ([uri]::new($Emulator.BaseUri, '_emulator/mirrors')))[0].host

        $failure = Get-Failure { Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -Proxy "http://$dead" -DoNotSetDefault }

        $failure.FullyQualifiedErrorId | Should -Be "ApiUnreachable,$ConnectName"
        "$failure" | Should -BeLike "*The proxy http://$dead refused the connection*"
    }
}
