# What a person sees of DownloadServer objects: the table fits the command that made them, the
# natural "fastest mirror" pipeline never picks a dead one, and Verbose says each thing once.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # The dead mirror comes first, so a pipeline that ranks it first is caught.
    $script:Emulator = Start-TestEmulator -ArgumentList '--dead-mirror', 'gone', '--mirror', 'fast=5', '--mirror', 'slow=80'
    $script:Mirrors = @{}
    foreach ($mirror in (Invoke-RestMethod ([uri]::new($Emulator.BaseUri, '_emulator/mirrors')))) {
        $Mirrors[$mirror.name] = $mirror
    }

    # The header line of the default table, as the user sees it.
    function Get-TableHeader($InputObject) {
        (($InputObject | Out-String -Width 200) -split '\r?\n' | Where-Object { $_ -match '\S' })[0].Trim() -split '\s+'
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'The fastest-mirror recipe in README' {
    It 'never picks an unreachable mirror, even when the dead one is listed first' {
        $measured = Get-PromoDownloadServer 950000 | Test-PromoDownloadServer -Force
        $fastest = $measured | Where-Object Reachable | Sort-Object LatencyMs | Select-Object -First 1

        # Without Where-Object Reachable, the dead mirror (no latency) would sort first.
        ($measured | Sort-Object LatencyMs | Select-Object -First 1).Host | Should -Be $Mirrors.gone.host
        $fastest.Host | Should -BeIn $Mirrors.fast.host, $Mirrors.slow.host
        $fastest.Reachable | Should -BeTrue
    }

    It 'is the line README shows' {
        $readme = Get-Content (Join-Path $RepoRoot 'README.md') -Raw

        $readme | Should -Match ([regex]::Escape('Test-PromoDownloadServer | Where-Object Reachable | Sort-Object LatencyMs'))
        $readme | Should -Not -Match 'Test-PromoDownloadServer \| Sort-Object LatencyMs'
    }
}

Describe 'The default table of DownloadServer' {
    It 'shows where to download from after a plain lookup, without empty measurement columns' {
        $header = Get-TableHeader (Get-PromoDownloadServer 337865)

        $header | Should -Be @('TrackId', 'Id', 'Host', 'Uri')
        (Get-PromoDownloadServer 337865 | Out-String) | Should -Match 'http://dc03\.promoonly\.com/'
    }

    It 'shows latency and reachability once the mirrors are measured' {
        Get-TableHeader (Get-PromoDownloadServer 950000 | Test-PromoDownloadServer) | Should -Be @('TrackId', 'Id', 'Host', 'LatencyMs', 'Reachable')
        Get-TableHeader (Get-PromoDownloadServer 950000 -Fastest) | Should -Be @('TrackId', 'Id', 'Host', 'LatencyMs', 'Reachable')
    }

    It 'shows no TrackId 0 or Id 0 for hosts measured by name' {
        $measured = Test-PromoDownloadServer -HostName $Mirrors.fast.host, $Mirrors.gone.host

        Get-TableHeader $measured | Should -Be @('Host', 'LatencyMs', 'Reachable')
        ($measured | Out-String) | Should -Not -Match '(?m)^\s*0\s+0\s'
    }

    It 'keeps every object a PromoOnly.DownloadServer with all its properties' {
        $measured = Get-PromoDownloadServer 950000 | Test-PromoDownloadServer

        $measured | ForEach-Object { $_ | Should -BeOfType ([PromoOnly.DownloadServer]) }
        ($measured | Select-Object -First 1 | ConvertTo-Csv -NoTypeInformation)[0] | Should -Be '"TrackId","Id","Host","Uri","LatencyMs","Reachable"'
    }
}

Describe 'Get-PromoDownloadServer -Fastest -Verbose' {
    It 'says once, not once per track, that a mirror is unreachable' {
        $verbose = 950000..950005 | Get-PromoDownloadServer -Fastest -Force -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } |
            ForEach-Object Message

        @($verbose | Where-Object { $_ -like "Mirror $($Mirrors.gone.host) is unreachable*" }) | Should -HaveCount 1
    }
}

# The default tables of the catalogue and download objects, as a terminal of 80 and of 160 columns
# shows them (Out-String -Width stands in for the terminal): every column there with its whole
# label on one header line, and Artist and Title taking the width there is.
Describe 'The default table of <Name>' -ForEach @(
    @{ Name = 'Track'; Labels = 'TrackId', 'Artist', 'Title', 'Mix', 'Genre', 'Bpm', 'Time', 'Downloaded'; Wide = 'Artist', 'Title', 'Mix'
        Get = { Get-PromoRelease -First 1 | Get-PromoTrack } }
    @{ Name = 'Release'; Labels = 'Date', 'ReleaseId', 'Artist', 'Title', 'Type', 'Tracks', 'Downloaded'; Wide = 'Artist', 'Title'
        Get = { Get-PromoRelease -First 3 } }
    @{ Name = 'DownloadHistoryEntry'; Labels = 'Date (UTC)', 'TrackId', 'Artist', 'Title', 'Mix', 'Downloads'; Wide = 'Artist', 'Title', 'Mix'
        Get = { Get-PromoDownloadHistory -First 3 } }
    @{ Name = 'DownloadHistoryEntry (-View Releases)'; Labels = 'Date (UTC)', 'ReleaseId', 'Artist', 'Release', 'Downloads'; Wide = 'Artist', 'Release'
        Get = { Get-PromoDownloadHistory -View Releases -First 3 } }
    @{ Name = 'TrackDownload'; Labels = 'TrackId', 'Status', 'MB', 'Resumed', 'Acknowledged', 'Name'; Wide = 'Name'
        Get = { Save-PromoTrack 123401, 123402 -Path (Join-Path $TestDrive 'views') } }
) {
    BeforeAll {
        # Columns as the dash line under the header places them: each runs from its dashes to the
        # next column's (the last one to the edge of the terminal), with its label and every cell.
        function Get-Column([string] $Text, [int] $Width) {
            $lines = @(($Text -split '\r?\n') | Where-Object { $_ -match '\S' })
            $starts = @([regex]::Matches($lines[1], '-+') | ForEach-Object Index)
            for ($i = 0; $i -lt $starts.Count; $i++) {
                $from = $starts[$i]
                $to = if ($i + 1 -lt $starts.Count) { $starts[$i + 1] } else { $Width }
                $cut = { param($line) if ($line.Length -gt $from) { $line.Substring($from, [Math]::Min($to, $line.Length) - $from).Trim() } else { '' } }
                [pscustomobject]@{
                    Label = & $cut $lines[0]
                    Width = $to - $from
                    Cells = @($lines | Select-Object -Skip 2 | ForEach-Object { & $cut $_ })
                }
            }
        }

        $script:Objects = @(& $Get)
        $script:NarrowText = $Objects | Out-String -Width 80
        $script:WideText = $Objects | Out-String -Width 160
    }

    It 'has objects to show' {
        $Objects.Count | Should -BeGreaterThan 1
    }

    It 'shows every column with its whole label on a one-line header at 80 columns' {
        $lines = @(($NarrowText -split '\r?\n') | Where-Object { $_ -match '\S' })

        $lines[1] | Should -Match '^[\s-]+$' -Because 'the line under the header is the dash line, not the rest of a wrapped header'
        (Get-Column $NarrowText 80).Label | Should -Be $Labels
        $lines | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        $lines.Count | Should -Be ($Objects.Count + 2) -Because 'one line per object: nothing wraps'
    }

    It 'lets <Wide> take the width there is at 160 columns' {
        $columns80 = Get-Column $NarrowText 80
        $columns160 = Get-Column $WideText 160

        $columns160.Label | Should -Be $Labels
        foreach ($label in $Wide) {
            $at80 = ($columns80 | Where-Object Label -EQ $label).Width
            $at160 = ($columns160 | Where-Object Label -EQ $label).Width
            $at160 | Should -BeGreaterThan 20 -Because "$label is more than 20 characters wide at 160 columns"
            $at160 | Should -BeGreaterThan ($at80 + 10) -Because "$label grows with the terminal"
        }
    }

    It 'fills every cell of <Wide>' {
        foreach ($label in $Wide) {
            (Get-Column $WideText 160 | Where-Object Label -EQ $label).Cells | Where-Object { -not $_ } | Should -BeNullOrEmpty -Because "every row has a $label"
        }
    }
}

# Issue 17.5 for every table the module defines, those of later cmdlets included: its fixed widths,
# one space between columns and at least 8 characters (or the label) for each column sized to fit
# leave room in 80 columns, and every label fits its column, so the header stays one line and no
# column is dropped. The tables above are also checked as rendered.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    [xml] $format = Get-Content (Join-Path (Split-Path $ModulePath) 'PromoOnly.Format.ps1xml') -Raw
    $script:TableViews = @($format.Configuration.ViewDefinitions.View | Where-Object { $_.TableControl } | ForEach-Object {
            @{
                View    = $_.Name
                Columns = @($_.TableControl.TableHeaders.TableColumnHeader | ForEach-Object {
                        [pscustomobject]@{ Label = [string] $_.Label; Width = if ($_.Width) { [int] $_.Width } else { 0 } }
                    })
            }
        })
}

Describe 'The table view <View>' -ForEach $TableViews {
    It 'fits 80 columns with every column and a one-line header' {
        $needed = ($Columns | ForEach-Object { if ($_.Width) { $_.Width } else { [Math]::Max(8, $_.Label.Length) } } | Measure-Object -Sum).Sum + $Columns.Count - 1
        $needed | Should -BeLessOrEqual 80
        foreach ($column in $Columns | Where-Object Width) {
            $column.Label.Length | Should -BeLessOrEqual $column.Width -Because "the label '$($column.Label)' must fit its $($column.Width) characters"
        }
    }
}

Describe 'TrackDownload paths' {
    It 'keeps one meaning per property: Path the file, Folder where it is, Name its name' {
        $folder = Join-Path $TestDrive 'paths'
        $saved = Save-PromoTrack 123401 -Path $folder

        $saved.Path | Should -Be (Join-Path $folder $saved.Name)
        Test-Path -LiteralPath $saved.Path -PathType Leaf | Should -BeTrue
        $saved.Folder | Should -Be $folder
        $saved.Name | Should -Not -Match '[\\/]'
        $saved.PSObject.Properties.Name | Should -Not -Contain 'File' -Because 'File repeated Path'
    }
}
