#Requires -Version 7.2
<#
.SYNOPSIS
    Builds the module's help from docs/en-US: <Module>.dll-Help.xml (MAML) and about_*.help.txt.
.DESCRIPTION
    Imports the module from -ModulePath (run it in a child pwsh), reads one markdown file per
    exported cmdlet plus about_*.md, and writes <ModulePath>/en-US. The prose comes from markdown;
    syntax, types, required, position, pipeline input, aliases and defaults come from the cmdlet
    metadata, so they cannot drift. Throws, listing every problem, when a cmdlet has no markdown
    file, a section is missing, a parameter is undocumented or does not exist, or an about topic
    has a line over 80 characters.
.EXAMPLE
    dotnet pwsh -NoProfile -File build/Build-Help.ps1 -ModulePath out/PromoOnly -DocsPath docs/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocsPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$RequiredSections = 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'RELATED LINKS'
$KnownSections = $RequiredSections + 'NOTES'
$Namespace = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$Problems = [System.Collections.Generic.List[string]]::new()

# --- Markdown ----------------------------------------------------------------------------------

# '# Title', then '## Section' with optional '### Item' entries; '#' lines inside code fences are code.
function Read-Markdown([string] $Path) {
    $doc = [ordered]@{ Title = $null; Sections = [ordered]@{} }
    $section = $null
    $item = $null
    $fenced = $false
    foreach ($line in (Get-Content -LiteralPath $Path)) {
        if ($line -match '^\s*```') { $fenced = -not $fenced }
        if (-not $fenced -and $line -match '^(#{1,3})\s+(.+?)\s*$') {
            switch ($Matches[1].Length) {
                1 { $doc.Title = $Matches[2] }
                2 {
                    $section = [pscustomobject]@{ Lines = [Collections.Generic.List[string]]::new(); Items = [Collections.Generic.List[object]]::new() }
                    $doc.Sections[$Matches[2].ToUpperInvariant()] = $section
                    $item = $null
                }
                3 { $item = [pscustomobject]@{ Name = $Matches[2]; Lines = [Collections.Generic.List[string]]::new() }
                    if ($section) { $section.Items.Add($item) } }
            }
            continue
        }
        if ($item) { $item.Lines.Add($line) } elseif ($section) { $section.Lines.Add($line) }
    }
    [pscustomobject]$doc
}

# Inline markdown to plain text: `code` keeps its text, [text](target) keeps the text.
function ConvertTo-PlainText([string] $Text) {
    ($Text -replace '`([^`]+)`', '$1') -replace '\[([^\]]+)\]\(([^)]+)\)', '$1'
}

# Prose to paragraphs: blank lines separate them, and so does each list item; fenced blocks keep their lines.
# As in CommonMark, only '- ', '* ', '+ ' or '1. ' start a list inside a paragraph; '2. ' only continues one.
function ConvertTo-Paragraph([string[]] $Lines) {
    $paragraphs = [Collections.Generic.List[string]]::new()
    $current = [Collections.Generic.List[string]]::new()
    $fence = $null
    $inList = $false
    $flush = { if ($current.Count) { $paragraphs.Add((ConvertTo-PlainText ($current -join ' '))); $current.Clear() } }
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') {
            if ($null -eq $fence) { & $flush; $fence = [Collections.Generic.List[string]]::new() }
            else { $paragraphs.Add($fence -join "`n"); $fence = $null }
        }
        elseif ($null -ne $fence) { $fence.Add($line) }
        elseif ($line -match '^\s*$') { & $flush; $inList = $false }
        else {
            $isItem = $line -match '^\s*([-*+]|\d+[.)])\s'
            if ($isItem -and (-not $current.Count -or $inList -or $line -match '^\s*([-*+]|1[.)])\s')) {
                & $flush
                $inList = $true
            }
            elseif (-not $current.Count) { $inList = $false }
            $current.Add($line.Trim())
        }
    }
    & $flush
    , $paragraphs.ToArray()
}

# An example: every fenced block is code (joined by a blank line); the rest is remarks.
function Split-Example($Item) {
    $code = [Collections.Generic.List[string]]::new()
    $prose = [Collections.Generic.List[string]]::new()
    $inCode = $false
    foreach ($line in $Item.Lines) {
        if ($line -match '^\s*```') {
            $inCode = -not $inCode
            if ($inCode -and $code.Count) { $code.Add('') }
        }
        elseif ($inCode) { $code.Add($line) }
        else { $prose.Add($line) }
    }
    [pscustomobject]@{ Title = $Item.Name; Code = ($code -join "`n").Trim("`n"); Remarks = ConvertTo-Paragraph $prose }
}

# --- Checks ------------------------------------------------------------------------------------

function Test-CommandDoc($Command, $Doc, [string[]] $ParameterNames) {
    $name = $Command.Name
    $sections = $Doc.Sections
    $problem = { param($Text) $Problems.Add("${name}.md: $Text") }
    if ($Doc.Title -ne $name) { & $problem "the title is '# $($Doc.Title)', not '# $name'." }
    foreach ($key in $sections.Keys) {
        if ($key -notin $KnownSections) { & $problem "unknown section '## $key'." }
        elseif ($key -notin 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS' -and $sections[$key].Items.Count) {
            & $problem "'## $key' cannot have '### ' entries."
        }
    }
    foreach ($key in $RequiredSections | Where-Object { -not $sections.Contains($_) }) { & $problem "the section '## $key' is missing." }

    foreach ($key in 'SYNOPSIS', 'DESCRIPTION' | Where-Object { $sections.Contains($_) }) {
        if (-not (ConvertTo-Paragraph $sections[$key].Lines)) { & $problem "$key is empty." }
    }
    if ($sections.Contains('EXAMPLES')) {
        $examples = @($sections.EXAMPLES.Items | ForEach-Object { Split-Example $_ })
        if ($examples.Count -lt 2) { & $problem "EXAMPLES has $($examples.Count) '### ' example(s); at least 2 are required." }
        foreach ($example in $examples | Where-Object { -not $_.Code }) { & $problem "example '$($example.Title)' has no code block." }
    }
    foreach ($key in 'INPUTS', 'OUTPUTS' | Where-Object { $sections.Contains($_) -and -not $sections[$_].Items.Count }) {
        & $problem "$key needs at least one '### Type' entry ('### None' if there is none)."
    }
    $documented = @(if ($sections.Contains('PARAMETERS')) { $sections.PARAMETERS.Items | Where-Object Name -NE 'CommonParameters' })
    foreach ($item in $documented | Where-Object { ($_.Name -replace '^-', '') -notin $ParameterNames -or $_.Name -notmatch '^-' }) {
        & $problem "documents '$($item.Name)', which $name does not have."
    }
    foreach ($parameter in $ParameterNames) {
        $item = $documented | Where-Object Name -EQ "-$parameter" | Select-Object -First 1
        if (-not $item -or -not (ConvertTo-Paragraph $item.Lines)) { & $problem "parameter -$parameter has no description." }
    }
    if ($sections.Contains('RELATED LINKS')) {
        $links = @($sections['RELATED LINKS'].Lines | Where-Object { $_ -match '\S' })
        if (-not $links) { & $problem 'RELATED LINKS is empty.' }
        foreach ($link in $links) {
            if ($link -notmatch '^\s*[-*]\s+\[[^\]]+\]\(([^)]+)\)\s*$') { & $problem "related link '$link' is not '- [Text](target)'." }
            elseif ($Matches[1] -notmatch '^https?://' -and -not (Test-Path -LiteralPath (Join-Path $DocsPath $Matches[1]))) {
                & $problem "related link target '$($Matches[1])' does not exist."
            }
        }
    }
}

# --- MAML --------------------------------------------------------------------------------------

# Writes <prefix:tag>, then either the child elements that $Children writes or the escaped $Text.
# PowerShell scopes are dynamic: $Children sees this function's variables, so callers' scriptblocks
# must not use the names $Tag, $Children, $Text or $Attribute for their own variables.
function Add-Node([string] $Tag, [scriptblock] $Children, [string] $Text, [Collections.IDictionary] $Attribute = @{}) {
    $Xml.WriteStartElement($Tag.Split(':')[0], $Tag.Split(':')[1], $Namespace[$Tag.Split(':')[0]])
    foreach ($entry in $Attribute.GetEnumerator()) { $Xml.WriteAttributeString($entry.Key, [string]$entry.Value) }
    if ($Children) { & $Children } elseif ($Text) { $Xml.WriteString($Text) }   # XmlWriter escapes the text
    $Xml.WriteEndElement()
}

function Add-Description([string[]] $Paragraphs, [string] $Name = 'maml:description') {
    Add-Node $Name { foreach ($para in $Paragraphs) { Add-Node 'maml:para' -Text $para } }
}

function Get-DefaultValue($Command, [string] $Parameter) {
    try {
        $instance = [Activator]::CreateInstance($Command.ImplementingType)
        $value = $Command.ImplementingType.GetProperty($Parameter).GetValue($instance)
        if ($instance -is [IDisposable]) { $instance.Dispose() }
        if ($null -eq $value) { 'None' } else { [string]$value }
    }
    catch { 'None' }
}

function ConvertTo-XmlBoolean([bool] $Value) { $Value.ToString().ToLowerInvariant() }

# One <command:parameter>. $Sets: the parameter's ParameterSetMetadata (all of them), or one set's CommandParameterInfo.
function Add-Parameter($Parameter, $Sets, [string[]] $Description, [string] $Default, [switch] $InSyntax) {
    $type = $Parameter.ParameterType
    $pipeline = @(
        if ($Sets.ValueFromPipeline -contains $true) { 'ByValue' }
        if ($Sets.ValueFromPipelineByPropertyName -contains $true) { 'ByPropertyName' }
    )
    $positions = @($Sets.Position | Where-Object { $_ -ge 0 } | Sort-Object -Unique)
    $wildcards = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $meta = [ordered]@{
        required       = if ($Sets.IsMandatory -notcontains $false) { 'true' }
                         elseif ($Sets.IsMandatory -contains $true) { 'true (in some parameter sets)' } else { 'false' }
        variableLength = ConvertTo-XmlBoolean $type.IsArray
        globbing       = ConvertTo-XmlBoolean $wildcards.Count
        pipelineInput  = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
        position       = if ($positions.Count) { $positions -join ', ' } else { 'named' }
        aliases        = if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }
    }
    Add-Node 'command:parameter' -Attribute $meta {
        Add-Node 'maml:name' -Text $Parameter.Name
        if (-not $InSyntax) { Add-Description $Description }
        if (-not $InSyntax -or $type -ne [switch]) {   # the syntax shows a switch as [-Name], without <SwitchParameter>
            $value = [ordered]@{ required = ConvertTo-XmlBoolean ($type -ne [switch]); variableLength = $meta.variableLength }
            Add-Node 'command:parameterValue' -Text $type.Name -Attribute $value
        }
        Add-Node 'dev:type' { Add-Node 'maml:name' -Text $type.FullName }
        if (-not $InSyntax) { Add-Node 'dev:defaultValue' -Text $Default }
    }
}

# A parameter's markdown may end with a line 'Default value: <text>' for a default the code cannot
# show (an environment variable, the default session); otherwise the property's initial value is used.
function Get-DocumentedDefault($Item) {
    $line = @($Item.Lines | Where-Object { $_ -match '^Default value:\s*\S' }) | Select-Object -Last 1
    if ($line) { ConvertTo-PlainText ($line -replace '^Default value:\s*', '') }
}

function Add-CommandHelp($Command, $Doc, [string[]] $ParameterNames) {
    $docs = @{}
    $defaults = @{}
    foreach ($item in $Doc.Sections.PARAMETERS.Items) {
        $docs[$item.Name -replace '^-', ''] = ConvertTo-Paragraph ($item.Lines | Where-Object { $_ -notmatch '^Default value:' })
        $defaults[$item.Name -replace '^-', ''] = Get-DocumentedDefault $item
    }
    Add-Node 'command:command' {
        Add-Node 'command:details' {
            Add-Node 'command:name' -Text $Command.Name
            Add-Node 'command:verb' -Text $Command.Verb
            Add-Node 'command:noun' -Text $Command.Noun
            Add-Description ((ConvertTo-Paragraph $Doc.Sections.SYNOPSIS.Lines) -join ' ')
        }
        Add-Description (ConvertTo-Paragraph $Doc.Sections.DESCRIPTION.Lines)
        Add-Node 'command:syntax' {
            foreach ($set in $Command.ParameterSets) {
                Add-Node 'command:syntaxItem' {
                    Add-Node 'maml:name' -Text $Command.Name
                    # Positional first, then mandatory, then optional: the order PowerShell itself shows.
                    $ordered = $set.Parameters | Where-Object Name -in $ParameterNames |
                        Sort-Object { if ($_.Position -ge 0) { $_.Position } else { 1000 } }, { -not $_.IsMandatory }
                    foreach ($parameter in $ordered) { Add-Parameter $Command.Parameters[$parameter.Name] $parameter -InSyntax }
                }
            }
        }
        Add-Node 'command:parameters' {
            foreach ($name in $ParameterNames) {
                $parameter = $Command.Parameters[$name]
                $default = if ($defaults[$name]) { $defaults[$name] } else { Get-DefaultValue $Command $name }
                Add-Parameter $parameter $parameter.ParameterSets.Values $docs[$name] $default
            }
        }
        foreach ($kind in @(@('INPUTS', 'inputTypes', 'inputType'), @('OUTPUTS', 'returnValues', 'returnValue'))) {
            Add-Node "command:$($kind[1])" {
                foreach ($item in $Doc.Sections[$kind[0]].Items) {
                    Add-Node "command:$($kind[2])" {
                        Add-Node 'dev:type' { Add-Node 'maml:name' -Text $item.Name }
                        Add-Description (ConvertTo-Paragraph $item.Lines)
                    }
                }
            }
        }
        if ($Doc.Sections.Contains('NOTES')) {
            Add-Node 'maml:alertSet' { Add-Description (ConvertTo-Paragraph $Doc.Sections.NOTES.Lines) -Name 'maml:alert' }
        }
        Add-Node 'command:examples' {
            foreach ($example in $Doc.Sections.EXAMPLES.Items | ForEach-Object { Split-Example $_ }) {
                Add-Node 'command:example' {
                    $dashes = '-' * [Math]::Max(3, [Math]::Floor((64 - $example.Title.Length) / 2))
                    Add-Node 'maml:title' -Text "$dashes $($example.Title) $dashes"
                    Add-Node 'dev:code' -Text $example.Code
                    Add-Description (@($example.Remarks) + '') -Name 'dev:remarks'   # the empty para separates examples
                }
            }
        }
        Add-Node 'command:relatedLinks' {
            # Get-Help -Online follows the first related link with an address, before the cmdlet's
            # HelpUri: so the HelpUri comes first, and no other web link can shadow it.
            if ($Command.HelpUri) {
                Add-Node 'maml:navigationLink' { Add-Node 'maml:linkText' -Text 'Online Version:'; Add-Node 'maml:uri' -Text $Command.HelpUri }
            }
            foreach ($link in $Doc.Sections['RELATED LINKS'].Lines | Where-Object { $_ -match '\[([^\]]+)\]\(([^)]+)\)' }) {
                $null = $link -match '\[([^\]]+)\]\(([^)]+)\)'
                $linkText, $target = $Matches[1], $Matches[2]
                $uri = if ($target -match '^https?://') { $target } else { '' }
                Add-Node 'maml:navigationLink' { Add-Node 'maml:linkText' -Text $linkText; Add-Node 'maml:uri' -Text $uri }
            }
        }
    }
}

# --- About topics ------------------------------------------------------------------------------

# '## X' becomes a heading at column 0, '### X' a subheading at 2, prose is indented 4 and code 8.
function ConvertTo-AboutText([string] $Path) {
    $name = [IO.Path]::GetFileNameWithoutExtension($Path)
    $doc = Read-Markdown $Path
    if ($doc.Title -ne $name) { $Problems.Add("${name}.md: the title is '# $($doc.Title)', not '# $name'.") }
    foreach ($section in 'SHORT DESCRIPTION', 'LONG DESCRIPTION', 'SEE ALSO') {
        if (-not $doc.Sections.Contains($section)) { $Problems.Add("${name}.md: the section '## $section' is missing.") }
    }
    $out = [Collections.Generic.List[string]]::new()
    $out.Add('TOPIC'); $out.Add("    $name")
    $fenced = $false
    foreach ($line in (Get-Content -LiteralPath $Path)) {
        if ($line -match '^\s*```') { $fenced = -not $fenced; continue }
        if (-not $fenced -and $line -match '^#\s') { continue }   # the title, already written as TOPIC
        $text = if ($fenced) { if ($line) { "        $line" } else { '' } }
        elseif ($line -match '^##\s+(.+)$') { $Matches[1].ToUpperInvariant() }
        elseif ($line -match '^###\s+(.+)$') { "  $($Matches[1])" }
        elseif ($line -match '^\s*$') { '' }
        else { '    ' + (ConvertTo-PlainText $line) }
        if ($text -match '^\S' -or ($text -match '^  \S' -and $out[-1] -notmatch '^\S')) {
            if ($out[-1] -ne '') { $out.Add('') }   # a blank line before a heading, and before a subheading after text
        }
        if ($text -eq '' -and ($out[-1] -eq '' -or $out[-1] -match '^\S|^  \S')) { continue }   # no blank after a heading
        $out.Add($text.TrimEnd())
    }
    for ($i = 0; $i -lt $out.Count; $i++) {
        if ($out[$i].Length -gt 80) {
            $Problems.Add("${name}.help.txt line $($i + 1) has $($out[$i].Length) characters (at most 80): $($out[$i].Trim())")
        }
    }
    ($out -join "`n").TrimEnd() + "`n"
}

# --- Main --------------------------------------------------------------------------------------

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
$DocsPath = (Resolve-Path -LiteralPath $DocsPath).Path
$manifest = Join-Path $ModulePath "$(Split-Path $ModulePath -Leaf).psd1"
$module = Import-Module $manifest -Force -PassThru
$common = [System.Management.Automation.PSCmdlet]::CommonParameters
$cmdlets = @($module.ExportedCmdlets.Values | Sort-Object Name)

$helpFiles = [ordered]@{}
foreach ($command in $cmdlets) {
    $path = Join-Path $DocsPath "$($command.Name).md"
    if (-not (Test-Path -LiteralPath $path)) {
        $Problems.Add("$($command.Name) has no help: create $path.")
        continue
    }
    $doc = Read-Markdown $path
    $parameterNames = @($command.Parameters.Keys | Where-Object { $_ -notin $common })
    $before = $Problems.Count
    Test-CommandDoc $command $doc $parameterNames
    if ($Problems.Count -eq $before) {
        # Document order for the parameters, as the author arranged them.
        $ordered = @($doc.Sections.PARAMETERS.Items.Name -replace '^-', '' | Where-Object { $_ -in $parameterNames })
        if (-not $helpFiles.Contains($command.HelpFile)) { $helpFiles[$command.HelpFile] = [Collections.Generic.List[object]]::new() }
        $helpFiles[$command.HelpFile].Add(@($command, $doc, $ordered))
    }
}
foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter *.md | Where-Object Name -notlike 'about_*') {
    if ($file.BaseName -notin $cmdlets.Name) { $Problems.Add("$($file.Name) documents no cmdlet that $($module.Name) exports.") }
}
$abouts = @{}
foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.md') {
    $abouts["$($file.BaseName).help.txt"] = ConvertTo-AboutText $file.FullName
}

if ($Problems.Count) {
    $Problems | ForEach-Object { Write-Host "  - $_" -ForegroundColor Red }
    throw "Help for $($module.Name) is incomplete: $($Problems.Count) problem(s), listed above. Fix them in $DocsPath."
}

$outDir = Join-Path $ModulePath 'en-US'
$null = New-Item -ItemType Directory -Path $outDir -Force
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false); NewLineChars = "`n" }
foreach ($helpFile in $helpFiles.Keys) {
    $target = Join-Path $outDir $helpFile
    $Xml = [System.Xml.XmlWriter]::Create("$target.tmp", $settings)   # moved into place only when complete
    $complete = $false
    try {
        $Xml.WriteStartDocument()
        $Xml.WriteStartElement('helpItems', 'http://msh')
        $Xml.WriteAttributeString('schema', 'maml')
        foreach ($prefix in 'maml', 'command', 'dev') { $Xml.WriteAttributeString('xmlns', $prefix, $null, $Namespace[$prefix]) }
        foreach ($entry in $helpFiles[$helpFile]) { Add-CommandHelp @entry }
        $Xml.WriteEndElement()
        $Xml.WriteEndDocument()
        $complete = $true
    }
    finally {
        $Xml.Dispose()
        if (-not $complete) { Remove-Item -LiteralPath "$target.tmp" -ErrorAction Ignore }
    }
    Move-Item -LiteralPath "$target.tmp" -Destination $target -Force
    Write-Host "Help: $target ($($helpFiles[$helpFile].Count) cmdlets)"
}
foreach ($about in $abouts.Keys) {
    $target = Join-Path $outDir $about
    [IO.File]::WriteAllText($target, $abouts[$about], [Text.UTF8Encoding]::new($false))
    Write-Host "Help: $target"
}
