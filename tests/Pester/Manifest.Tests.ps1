# What a gallery moderator checks before accepting the package.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Manifest = Import-PowerShellDataFile $ModulePath
    $script:ModuleDir = Split-Path $ModulePath -Parent
}

Describe 'The built module' {
    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path $ModulePath -ErrorAction Stop

        $info.Version | Should -Be $Manifest.ModuleVersion
    }

    It 'declares everything a gallery needs, without wildcards' {
        foreach ($key in 'ModuleVersion', 'GUID', 'Author', 'CompanyName', 'Copyright', 'Description', 'RootModule', 'FormatsToProcess') {
            $Manifest[$key] | Should -Not -BeNullOrEmpty -Because "$key is required"
        }
        $Manifest.PowerShellVersion | Should -Be '5.1'
        $Manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        # Windows PowerShell on .NET Framework 4.6.x gets Import-Module's clear refusal, not a load failure.
        $Manifest.DotNetFrameworkVersion | Should -Be '4.7.2'
        # The loader that imports bin/net8.0 or bin/netstandard2.0 (README, "Two builds, one module").
        $Manifest.RootModule | Should -Be 'PromoOnly.psm1'
        foreach ($key in 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
            $Manifest.ContainsKey($key) | Should -BeTrue
            @($Manifest[$key]) | Should -HaveCount 0
        }
        $Manifest.CmdletsToExport | Should -Not -Contain '*'
        foreach ($key in 'Tags', 'ProjectUri', 'LicenseUri', 'ReleaseNotes') {
            $Manifest.PrivateData.PSData[$key] | Should -Not -BeNullOrEmpty -Because "PSData.$key is shown by the gallery"
        }
    }

    It 'exports exactly the cmdlets the manifest lists' {
        $module = Import-Module $ModulePath -Force -PassThru

        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($Manifest.CmdletsToExport | Sort-Object)
    }

    It 'stamps the manifest version on the assembly of the <Framework> build' -TestCases @(
        @{ Framework = 'net8.0' }
        @{ Framework = 'netstandard2.0' }
    ) {
        $assembly = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModuleDir "bin/$Framework/PromoOnly.dll"))

        $assembly.Version.ToString(3) | Should -Be $Manifest.ModuleVersion
    }

    It 'ships the files it needs and no build leftovers' {
        $files = (Get-ChildItem $ModuleDir -Recurse -File).FullName | ForEach-Object { [IO.Path]::GetRelativePath($ModuleDir, $_) } | Sort-Object

        $files | Should -Contain 'PromoOnly.psd1'
        $files | Should -Contain 'PromoOnly.psm1'
        $files | Should -Contain (Join-Path 'bin' 'net8.0' 'PromoOnly.dll')
        $files | Should -Contain (Join-Path 'bin' 'netstandard2.0' 'PromoOnly.dll')
        # Windows PowerShell has no Newtonsoft.Json of its own; PowerShell 7 has loaded its copy before any module.
        $files | Should -Contain (Join-Path 'bin' 'netstandard2.0' 'Newtonsoft.Json.dll')
        $files | Should -Not -Contain (Join-Path 'bin' 'net8.0' 'Newtonsoft.Json.dll')
        $files | Should -Contain 'PromoOnly.Format.ps1xml'
        $files | Should -Not -Contain 'System.Management.Automation.dll'
        $files | Where-Object { $_ -like '*.pdb' -or $_ -like '*.deps.json' } | Should -BeNullOrEmpty
    }
}
