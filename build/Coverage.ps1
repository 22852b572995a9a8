# Line and branch coverage of the core from coverlet's Cobertura report (build.ps1 -Task Test).
# Dot-sourced by build.ps1; nothing here runs a test.

# The collector writes <results>/<run id>/coverage.cobertura.xml (and a copy the trx links to):
# moved to <results>/coverage.cobertura.xml, one fixed name, whose path this returns ($null if
# there is no report).
function Move-CoverageReport([Parameter(Mandatory)] [string] $ResultsDir) {
    $runs = @(Get-ChildItem $ResultsDir -Directory | Where-Object Name -Match '^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$')
    $report = $runs | Get-ChildItem -Filter 'coverage.cobertura.xml' | Select-Object -First 1
    if (-not $report) {
        return $null
    }
    $target = Join-Path $ResultsDir 'coverage.cobertura.xml'
    Move-Item $report.FullName $target -Force
    $runs | Remove-Item -Recurse
    $target
}

# Per source file of the core: lines and branches, covered and in all. A line can appear in more
# than one <class> (nested and compiler-generated types), so lines are merged by number first.
function Read-CoverageByFile([Parameter(Mandatory)] [string] $Report, [Parameter(Mandatory)] [string] $Root) {
    $xml = [xml](Get-Content $Report -Raw)
    $sources = @($xml.coverage.sources.source | ForEach-Object { "$_" })
    $files = @{}
    foreach ($class in $xml.SelectNodes('//class')) {
        $name = $class.GetAttribute('filename')
        if (-not [IO.Path]::IsPathRooted($name)) {
            $name = @($sources | ForEach-Object { Join-Path $_ $name } | Where-Object { Test-Path $_ }) + @(Join-Path $sources[0] $name) | Select-Object -First 1
        }
        $path = [IO.Path]::GetRelativePath($Root, $name) -replace '\\', '/'
        if (-not $files.ContainsKey($path)) {
            $files[$path] = @{}
        }
        foreach ($line in $class.SelectNodes('lines/line')) {
            $number = [int]$line.GetAttribute('number')
            $hits = [long]$line.GetAttribute('hits')
            $covered, $total = 0, 0
            if ($line.GetAttribute('branch') -eq 'True' -and $line.GetAttribute('condition-coverage') -match '\((\d+)/(\d+)\)') {
                $covered, $total = [int]$Matches[1], [int]$Matches[2]
            }
            $seen = $files[$path][$number]
            if ($seen) {
                $hits = [Math]::Max($hits, $seen.Hits)
                $covered = [Math]::Max($covered, $seen.BranchesCovered)
                $total = [Math]::Max($total, $seen.Branches)
            }
            $files[$path][$number] = @{ Hits = $hits; BranchesCovered = $covered; Branches = $total }
        }
    }
    foreach ($path in $files.Keys | Sort-Object) {
        $lines = @($files[$path].Values)
        [pscustomobject]@{
            File            = $path
            Lines           = $lines.Count
            LinesCovered    = @($lines | Where-Object { $_.Hits -gt 0 }).Count
            Branches        = ($lines | Measure-Object Branches -Sum).Sum
            BranchesCovered = ($lines | Measure-Object BranchesCovered -Sum).Sum
        }
    }
}

function Format-Percent([long] $Part, [long] $Whole) {
    if ($Whole -eq 0) { return '–' }
    '{0:0.0} %' -f (100.0 * $Part / $Whole)
}

# The core files README lists as under the bar, from its table in "Coverage".
function Read-ReadmeCoverageList([Parameter(Mandatory)] [string] $Readme) {
    $section = [regex]::Match((Get-Content $Readme -Raw), '(?ms)^### Coverage\s*$(.*?)(?=^#{1,3} )').Groups[1].Value
    [regex]::Matches($section, '(?m)^\|\s*`(src/PromoOnly/[^`]+)`') | ForEach-Object { $_.Groups[1].Value }
}

# One line: the totals, and whether README's list of files under the bar is still true. The table
# of every file goes to coverage.txt beside the report.
function Write-CoverageSummary([Parameter(Mandatory)] [string] $Report, [Parameter(Mandatory)] [string] $Root, [string] $Readme = (Join-Path $Root 'README.md'), [double] $Bar = 80) {
    $files = @(Read-CoverageByFile -Report $Report -Root $Root)
    $lines = ($files | Measure-Object Lines -Sum).Sum
    $linesCovered = ($files | Measure-Object LinesCovered -Sum).Sum
    $branches = ($files | Measure-Object Branches -Sum).Sum
    $branchesCovered = ($files | Measure-Object BranchesCovered -Sum).Sum
    $under = @($files | Where-Object { $_.Lines -gt 0 -and 100.0 * $_.LinesCovered / $_.Lines -lt $Bar } | ForEach-Object File)

    $table = $files | Sort-Object { if ($_.Lines) { $_.LinesCovered / $_.Lines } else { 1 } } | ForEach-Object {
        '{0,-56} {1,8} {2,12} {3,9} {4,12}' -f $_.File, (Format-Percent $_.LinesCovered $_.Lines), "$($_.LinesCovered)/$($_.Lines)",
            (Format-Percent $_.BranchesCovered $_.Branches), "$($_.BranchesCovered)/$($_.Branches)"
    }
    $text = @('{0,-56} {1,8} {2,12} {3,9} {4,12}' -f 'File', 'Lines', '', 'Branches', '') + $table
    Set-Content -Path (Join-Path (Split-Path $Report) 'coverage.txt') -Value $text

    $listed = @(Read-ReadmeCoverageList $Readme)
    $add = @($under | Where-Object { $_ -notin $listed })
    $drop = @($listed | Where-Object { $_ -notin $under })
    $state = if ($add.Count + $drop.Count -eq 0) { "README lists the $($under.Count) files under $Bar % of lines" }
    else { "README's list of files under $Bar % of lines is out of date:" + $(if ($add) { " add $($add -join ', ');" }) + $(if ($drop) { " remove $($drop -join ', ')" }) }
    $colour = if ($add.Count + $drop.Count -eq 0) { 'Green' } else { 'Yellow' }
    Write-Host ("coverage (core, net8.0 build): {0} of lines ({1:N0}/{2:N0}), {3} of branches ({4:N0}/{5:N0}); {6}" -f
        (Format-Percent $linesCovered $lines), $linesCovered, $lines, (Format-Percent $branchesCovered $branches), $branchesCovered, $branches, $state) -ForegroundColor $colour
}
