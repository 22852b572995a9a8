@{
    # The single source of the module version: build.ps1 passes it to the assembly and User-Agent.
    ModuleVersion        = '0.1.0'
    GUID                 = 'c774f68b-a261-4eee-b3a2-f7287d2ed66c'
    Author               = 'PromoOnly.PowerShell contributors'
    CompanyName          = 'PromoOnly.PowerShell contributors'
    Copyright            = '(c) 2026 PromoOnly.PowerShell contributors. MIT License.'
    Description          = 'Script the Promo Only POOL service: connect once, then find the mirror servers that host your tracks, at pipeline speed.'
    PowerShellVersion    = '5.1'
    # Windows PowerShell 5.1 on .NET Framework 4.6.x cannot load what the module needs
    # (netstandard 2.0 facades, HttpClientHandler.MaxConnectionsPerServer): refuse it up front.
    DotNetFrameworkVersion = '4.7.2'
    CompatiblePSEditions = @('Desktop', 'Core')
    # Loads bin/net8.0 or bin/netstandard2.0, whichever this PowerShell runs (see the file).
    RootModule           = 'PromoOnly.psm1'
    FormatsToProcess     = @('PromoOnly.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-PromoOnly'
        'Disconnect-PromoOnly'
        'Find-PromoRelease'
        'Find-PromoTrack'
        'Get-PromoChart'
        'Get-PromoDjSession'
        'Get-PromoDownloadHistory'
        'Get-PromoDownloadServer'
        'Get-PromoFileFormat'
        'Get-PromoFileNaming'
        'Get-PromoOnlySession'
        'Get-PromoPreference'
        'Get-PromoRelease'
        'Get-PromoReleaseFormat'
        'Get-PromoTrack'
        'Get-PromoTrackVersion'
        'Get-PromoUserId'
        'Remove-PromoDownloadQueue'
        'Request-PromoRedownload'
        'Save-PromoTrack'
        'Set-PromoFileNaming'
        'Set-PromoFormatFilter'
        'Test-PromoDownloadServer'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('PromoOnly', 'POOL', 'DJ', 'RecordPool', 'Music', 'API', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/promoonly-powershell/PromoOnly.PowerShell/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/promoonly-powershell/PromoOnly.PowerShell'
            ReleaseNotes = 'First release: Connect-PromoOnly (token, API key, sign-in, environment or prompt; tokens renew by themselves), mirror lookup and the fastest mirror, Save-PromoTrack (queued, resumable, verified downloads that report the success signal), the catalogue, preferences and account calls of the POOL API, and an offline emulator. Every change: https://github.com/promoonly-powershell/PromoOnly.PowerShell/blob/main/CHANGELOG.md'
        }
    }
}
