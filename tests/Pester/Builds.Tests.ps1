# Two builds, one module (README, "Two builds, one module"): PromoOnly.psm1 imports the net8.0
# build in PowerShell 7.4+ and the netstandard2.0 build elsewhere, and Newtonsoft.Json always
# resolves to one copy: PowerShell 7's own, or on Windows PowerShell the one shipped beside the DLL.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-PoolEmulator -EmulatorPath $EmulatorPath
    $script:ModuleDir = Split-Path $ModulePath -Parent

    # Imports what the caller names in a fresh pwsh, looks up a track over HTTP (so JSON is parsed),
    # and reports which PromoOnly and Newtonsoft.Json assemblies that process loaded.
    function Invoke-Lookup([string] $Import) {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$Import'
Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString $DemoTokenText -AsPlainText -Force)
`$hosts = @((Get-PromoDownloadServer -TrackId 337865).Host)
`$loaded = [AppDomain]::CurrentDomain.GetAssemblies()
`$module = @(`$loaded | Where-Object { `$_.GetName().Name -eq 'PromoOnly' })
`$json = @(`$loaded | Where-Object { `$_.GetName().Name -eq 'Newtonsoft.Json' })
[pscustomobject]@{
    Hosts          = `$hosts
    ModuleFiles    = @(`$module.Location)
    Framework      = @(`$module | ForEach-Object { `$_.GetCustomAttributes([Runtime.Versioning.TargetFrameworkAttribute], `$false).FrameworkName })
    NewtonsoftFiles = @(`$json.Location)
    NewtonsoftWanted = "`$(`$module[0].GetReferencedAssemblies() | Where-Object Name -eq 'Newtonsoft.Json' | ForEach-Object Version)"
    NewtonsoftLoaded = "`$(`$json[0].GetName().Version)"
    PSHome         = `$PSHOME
} | ConvertTo-Json -Compress
"@
        Invoke-FreshPwsh -Script $script -Environment @{ PROMOONLY_API_BASE_URI = $Emulator.BaseUri.AbsoluteUri } | ConvertFrom-Json
    }
}

AfterAll {
    Stop-PoolEmulator $Emulator
}

Describe 'The module in PowerShell <Version>' -ForEach @{ Version = "$($PSVersionTable.PSVersion)" } {
    It 'loads the net8.0 build, with PowerShell''s own Newtonsoft.Json' {
        $used = Invoke-Lookup -Import $ModulePath

        $used.Hosts | Should -Be @('dc03.promoonly.com', 'ny01.promoonly.com', 'sl02.promoonly.com')
        $used.ModuleFiles | Should -Be @((Join-Path $ModuleDir 'bin/net8.0/PromoOnly.dll'))
        $used.Framework | Should -Be @('.NETCoreApp,Version=v8.0')
        $used.NewtonsoftFiles | Should -HaveCount 1
        $used.NewtonsoftFiles[0] | Should -BeLike "$($used.PSHome)*"
        [version]$used.NewtonsoftLoaded | Should -BeGreaterOrEqual ([version]$used.NewtonsoftWanted)
    }

    It 'also runs the netstandard2.0 build (what PowerShell 7.0-7.3 load), with PowerShell''s own Newtonsoft.Json' {
        $used = Invoke-Lookup -Import (Join-Path $ModuleDir 'bin/netstandard2.0/PromoOnly.dll')

        $used.Hosts | Should -Be @('dc03.promoonly.com', 'ny01.promoonly.com', 'sl02.promoonly.com')
        $used.Framework | Should -Be @('.NETStandard,Version=v2.0')
        $used.NewtonsoftFiles | Should -HaveCount 1
        $used.NewtonsoftFiles[0] | Should -BeLike "$($used.PSHome)*"
    }
}

Describe 'The netstandard2.0 build for Windows PowerShell' {
    It 'ships the Newtonsoft.Json its DLL asks for, since Windows PowerShell has none of its own' {
        $bin = Join-Path $ModuleDir 'bin/netstandard2.0'
        # Read from the metadata, so this process never loads a second PromoOnly.dll.
        $stream = [IO.File]::OpenRead((Join-Path $bin 'PromoOnly.dll'))
        try {
            $reader = [Reflection.PortableExecutable.PEReader]::new($stream)
            $metadata = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($reader)
            $wanted = foreach ($handle in $metadata.AssemblyReferences) {
                $reference = $metadata.GetAssemblyReference($handle)
                if ($metadata.GetString($reference.Name) -eq 'Newtonsoft.Json') { $reference.Version }
            }
        }
        finally {
            $stream.Dispose()
        }
        $shipped = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $bin 'Newtonsoft.Json.dll'))

        $wanted | Should -HaveCount 1
        $shipped.Version | Should -Be $wanted
    }
}
