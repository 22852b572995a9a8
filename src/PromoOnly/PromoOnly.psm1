# The module's root: imports the build of PromoOnly.dll made for the running PowerShell, as a
# nested module whose cmdlets the manifest exports (README, "Two builds, one module").
#   net8.0          PowerShell 7.4 and later (.NET 8 or newer)
#   netstandard2.0  Windows PowerShell 5.1 (.NET Framework 4.7.2+), and PowerShell 7.0-7.3
# Module-qualified, so a user's own Import-Module function or proxy cannot step in.
$framework = if ($PSVersionTable.PSEdition -eq 'Core' -and [Environment]::Version.Major -ge 8) { 'net8.0' } else { 'netstandard2.0' }
Microsoft.PowerShell.Core\Import-Module -Name ([IO.Path]::Combine($PSScriptRoot, 'bin', $framework, 'PromoOnly.dll')) -ErrorAction Stop
