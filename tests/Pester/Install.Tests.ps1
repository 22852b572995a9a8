# The gallery path, proven offline: publish the built module to a file-system repository, install it
# with PowerShellGet and with PSResourceGet into throw-away homes, import it by name, and use it.
# The package build.ps1 -Task Package writes, opened and installed the same way. And the path from
# source: build.ps1 -Task Install, then a scheduled script in another folder. Each carries the
# module's one layout: the loader and both builds (README, "Two builds, one module").
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-PoolEmulator -EmulatorPath $EmulatorPath
    $script:Manifest = Import-PowerShellDataFile $ModulePath
    $script:ModuleDir = Split-Path $ModulePath -Parent

    # Everything a child pwsh could write to (profile folders, module folders, repository lists,
    # NuGet config) is redirected under one temporary folder per install.
    function New-IsolatedEnvironment([string] $Name) {
        $root = Join-Path $TestDrive $Name
        # .NET reports a special folder that does not exist yet as '', and PSResourceGet would then
        # write its repository list relative to the working directory: create them all first.
        foreach ($dir in 'home/.local/share', 'home/.config', 'home/.cache', 'home/AppData/Roaming', 'home/AppData/Local', 'repo', 'modules') {
            $null = New-Item -ItemType Directory -Path (Join-Path $root $dir) -Force
        }
        @{
            Root        = $root
            Environment = @{
                HOME                   = Join-Path $root 'home'
                USERPROFILE            = Join-Path $root 'home'
                APPDATA                = Join-Path $root 'home/AppData/Roaming'
                LOCALAPPDATA           = Join-Path $root 'home/AppData/Local'
                XDG_DATA_HOME          = Join-Path $root 'home/.local/share'
                XDG_CONFIG_HOME        = Join-Path $root 'home/.config'
                XDG_CACHE_HOME         = Join-Path $root 'home/.cache'
                PSModulePath           = Join-Path $root 'modules'
                PROMOONLY_API_BASE_URI = $Emulator.BaseUri.AbsoluteUri
            }
        }
    }

    # What out/PromoOnly holds, and so what a package or an install must hold: PromoOnly.psm1 picks
    # bin/net8.0 or bin/netstandard2.0 at import, so neither build may be missing.
    $script:Layout = @(
        'PromoOnly.psd1'
        'PromoOnly.psm1'
        'PromoOnly.Format.ps1xml'
        'bin/net8.0/PromoOnly.dll'
        'bin/netstandard2.0/PromoOnly.dll'
        'bin/netstandard2.0/Newtonsoft.Json.dll'
        'en-US/PromoOnly.dll-Help.xml'
        'en-US/about_PromoOnly.help.txt'
    ) | Sort-Object

    $script:UseIt = @'
$ErrorActionPreference = 'Stop'
Import-Module PromoOnly
$module = Get-Module PromoOnly
Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString 8b26e1e4f3f5e00a888807e605565c47 -AsPlainText -Force)
[pscustomobject]@{
    ModuleBase = $module.ModuleBase
    Version    = "$($module.Version)"
    Commands   = @((Get-Command -Module PromoOnly).Name | Sort-Object)
    Hosts      = @((Get-PromoDownloadServer -TrackId 337865).Host)
    Build      = [IO.Path]::GetRelativePath($module.ModuleBase, $module.NestedModules[0].Path)
    # The installers' own record of what they installed is theirs, not the module's.
    Files      = @(Get-ChildItem $module.ModuleBase -Recurse -File | Where-Object Name -ne 'PSGetModuleInfo.xml' |
        ForEach-Object { [IO.Path]::GetRelativePath($module.ModuleBase, $_.FullName) -replace '\\', '/' } | Sort-Object)
} | ConvertTo-Json -Compress
'@
}

AfterAll {
    Stop-PoolEmulator $Emulator
}

Describe 'Installing from a repository' {
    It 'installs with <Installer>, imports by name and connects' -TestCases @(
        @{
            Installer = 'Install-Module (PowerShellGet)'
            Install   = 'Register-PSRepository -Name PromoOnlyTest -SourceLocation $repo -InstallationPolicy Trusted; Install-Module PromoOnly -Repository PromoOnlyTest -Scope CurrentUser'
        }
        @{
            Installer = 'Install-PSResource (PSResourceGet)'
            Install   = 'Install-PSResource PromoOnly -Repository PromoOnlyPublish -Scope CurrentUser -TrustRepository'
        }
    ) {
        $isolated = New-IsolatedEnvironment ($Installer -replace '\W', '')
        $repo = Join-Path $isolated.Root 'repo'
        $script = @"
`$ErrorActionPreference = 'Stop'
`$repo = '$repo'
Register-PSResourceRepository -Name PromoOnlyPublish -Uri `$repo -Trusted
Publish-PSResource -Path '$ModuleDir' -Repository PromoOnlyPublish
$Install
"@

        $null = Invoke-FreshPwsh -Script $script -Environment $isolated.Environment -WorkingDirectory $isolated.Root
        $used = Invoke-FreshPwsh -Script $UseIt -Environment $isolated.Environment -WorkingDirectory $isolated.Root | ConvertFrom-Json

        $used.ModuleBase | Should -BeLike "$($isolated.Environment.HOME)*"
        $used.Version | Should -Be $Manifest.ModuleVersion
        $used.Commands | Should -Be @($Manifest.CmdletsToExport | Sort-Object)
        $used.Hosts | Should -Be @('dc03.promoonly.com', 'ny01.promoonly.com', 'sl02.promoonly.com')
        $used.Build | Should -Be (Join-Path 'bin' 'net8.0' 'PromoOnly.dll')
        $used.Files | Should -Be $Layout
        $package = Get-ChildItem $repo -Filter "PromoOnly.$($Manifest.ModuleVersion).nupkg"
        $package | Should -HaveCount 1
        # Both builds travel in the one package; each edition's loader picks its own.
        $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $entries = @($zip.Entries.FullName)
        }
        finally {
            $zip.Dispose()
        }
        $entries | Should -Contain 'bin/net8.0/PromoOnly.dll'
        $entries | Should -Contain 'bin/netstandard2.0/PromoOnly.dll'
        $entries | Should -Contain 'bin/netstandard2.0/Newtonsoft.Json.dll'
        Get-ChildItem (Join-Path $isolated.Root 'home/.local/share/PSResourceGet') -Filter 'PSResourceRepository.xml' | Should -HaveCount 1
    }
}

Describe 'build.ps1 -Task Package' {
    # Packaging rebuilds out/PromoOnly, whose DLL this process has loaded: Windows would refuse to
    # replace it.
    It 'writes the gallery package: the module''s layout, loader and both builds, that installs and runs the net8.0 build' -Skip:$IsWindows {
        $package = Join-Path $RepoRoot "out/PromoOnly.$($Manifest.ModuleVersion).nupkg"

        $log = Invoke-FreshPwsh -Script "& '$(Join-Path $RepoRoot 'build.ps1')' -Task Package" -WorkingDirectory $TestDrive

        $log | Should -Match ([regex]::Escape("Package: $package"))
        $zip = [IO.Compression.ZipFile]::OpenRead($package)
        try {
            $entries = @($zip.Entries.FullName)
            $reader = [IO.StreamReader]::new($zip.GetEntry('PromoOnly.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally {
            $zip.Dispose()
        }
        # Everything but the NuGet package's own parts is the module, file for file.
        $moduleFiles = @($entries | Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$|PromoOnly\.nuspec$)' } | Sort-Object)
        $moduleFiles | Should -Be $Layout
        $built = @(Get-ChildItem $ModuleDir -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($ModuleDir, $_.FullName) -replace '\\', '/' } | Sort-Object)
        $built | Should -Be $Layout
        $nuspec.package.metadata.id | Should -Be 'PromoOnly'
        $nuspec.package.metadata.version | Should -Be $Manifest.ModuleVersion
        $nuspec.package.metadata.tags -split ' ' | Should -Contain 'PSEdition_Desktop'
        $nuspec.package.metadata.tags -split ' ' | Should -Contain 'PSEdition_Core'

        # What a gallery serves is this file: install it from a folder repository.
        $isolated = New-IsolatedEnvironment 'package'
        $repo = Join-Path $isolated.Root 'repo'
        Copy-Item $package $repo
        $null = Invoke-FreshPwsh -Environment $isolated.Environment -WorkingDirectory $isolated.Root -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name PromoOnlyPackage -Uri '$repo' -Trusted
Install-PSResource PromoOnly -Repository PromoOnlyPackage -Scope CurrentUser
"@
        $used = Invoke-FreshPwsh -Script $UseIt -Environment $isolated.Environment -WorkingDirectory $isolated.Root | ConvertFrom-Json

        $used.ModuleBase | Should -BeLike "$($isolated.Environment.HOME)*"
        $used.Files | Should -Be $Layout
        $used.Build | Should -Be (Join-Path 'bin' 'net8.0' 'PromoOnly.dll')
        $used.Hosts | Should -Be @('dc03.promoonly.com', 'ny01.promoonly.com', 'sl02.promoonly.com')
    }
}

Describe 'build.ps1 -Task Install' {
    It 'installs where Install-Module -Scope CurrentUser would, so a script in any folder imports it by name' -Skip:$IsWindows {
        # The user module folder follows XDG_DATA_HOME on Linux and macOS; pointing it at a throw-away
        # folder keeps this machine's own modules untouched. (On Windows it is the Documents folder,
        # which no variable moves: this test does not run there.) PSModulePath drops the parent's paths.
        $data = Join-Path $TestDrive 'task-install/data'
        $elsewhere = Join-Path $TestDrive 'task-install/elsewhere'
        $null = New-Item -ItemType Directory -Path $data, $elsewhere -Force
        $environment = @{
            XDG_DATA_HOME          = $data
            PSModulePath           = Join-Path $TestDrive 'task-install/modules'
            PROMOONLY_API_BASE_URI = $Emulator.BaseUri.AbsoluteUri
        }

        $log = Invoke-FreshPwsh -Script "& '$(Join-Path $RepoRoot 'build.ps1')' -Task Install" -Environment $environment -WorkingDirectory $elsewhere
        $used = Invoke-FreshPwsh -Script $UseIt -Environment $environment -WorkingDirectory $elsewhere | ConvertFrom-Json

        $installed = Join-Path $data "powershell/Modules/PromoOnly/$($Manifest.ModuleVersion)"
        $log | Should -Match ([regex]::Escape("Installed PromoOnly $($Manifest.ModuleVersion) for PowerShell 7: $installed"))
        $used.ModuleBase | Should -Be $installed
        $used.Files | Should -Be $Layout
        $used.Version | Should -Be $Manifest.ModuleVersion
        $used.Commands | Should -Be @($Manifest.CmdletsToExport | Sort-Object)
        $used.Hosts | Should -Be @('dc03.promoonly.com', 'ny01.promoonly.com', 'sl02.promoonly.com')
        $used.Build | Should -Be (Join-Path 'bin' 'net8.0' 'PromoOnly.dll')
    }
}
