# Starts and stops the POOL API emulator as a child process on a free loopback port.
# Shared by build.ps1 -Task Demo, the Pester tests and the benchmarks.

function Start-PoolEmulator {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $EmulatorPath,
        [string[]] $ArgumentList = @(),
        [int] $StartTimeoutSec = 60
    )

    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($EmulatorPath, '--urls', 'http://127.0.0.1:0', '--exit-on-stdin-close') + $ArgumentList) {
        $info.ArgumentList.Add($argument)
    }
    $info.UseShellExecute = $false
    # stdin stays open while we live; if this process dies, the emulator sees end-of-file and exits.
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($info)

    $deadline = [DateTime]::UtcNow.AddSeconds($StartTimeoutSec)
    while ($true) {
        $read = $process.StandardOutput.ReadLineAsync()
        $left = [Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)
        if (-not $read.Wait([int]$left)) {
            $process.Kill($true)
            throw "The POOL emulator did not report its address within $StartTimeoutSec seconds."
        }
        $line = $read.Result
        if ($null -eq $line) {
            $process.WaitForExit()
            throw "The POOL emulator exited with code $($process.ExitCode) before listening."
        }
        if ($line -match 'listening on (http://\S+)') {
            break
        }
    }

    # Keep draining stdout so a chatty emulator can never block on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()
    [pscustomobject]@{
        PSTypeName = 'PromoOnly.EmulatorProcess'
        Process    = $process
        BaseUri    = [uri]($Matches[1].TrimEnd('/') + '/')
    }
}

function Stop-PoolEmulator {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] $Emulator)

    process {
        if ($null -eq $Emulator -or $Emulator.Process.HasExited) {
            return
        }
        $Emulator.Process.StandardInput.Close()
        if (-not $Emulator.Process.WaitForExit(10000)) {
            $Emulator.Process.Kill($true)
            $Emulator.Process.WaitForExit()
        }
        $Emulator.Process.Dispose()
    }
}
