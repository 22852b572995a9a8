# The help that ships in the built module: one complete topic per exported command (from
# docs/en-US via build/Build-Help.ps1), and about_PromoOnly covering every connection form and
# every error id the code can raise. New commands, parameters or error ids fail here until documented.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModulePath -Force
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters
    $script:Commands = foreach ($command in Get-Command -Module PromoOnly) {
        @{
            Name       = $command.Name
            Parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $common })
        }
    }

    # Every id that ErrorRecords.cs gives an ErrorRecord, with its category: "Id", ErrorCategory.X
    $source = Get-Content (Join-Path $RepoRoot 'src/PromoOnly/Commands/ErrorRecords.cs') -Raw
    $script:ErrorIds = [regex]::Matches($source, '"(\w+)"\s*,\s*ErrorCategory\.(\w+)') |
        ForEach-Object { [pscustomobject]@{ Id = $_.Groups[1].Value; Category = $_.Groups[2].Value } } |
        Sort-Object Id, Category -Unique |
        ForEach-Object { @{ Id = $_.Id; Category = $_.Category } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModulePath -Force

    # The text of a MAML description: an array of paragraphs, each with a Text property.
    function Get-HelpText($Description) {
        (@($Description) | ForEach-Object { $_.Text }) -join "`n"
    }
}

Describe 'Help for <Name>' -ForEach $Commands {
    BeforeAll {
        $command = Get-Command -Module PromoOnly -Name $Name
        $help = Get-Help -Name $command.Name -Full
        $documented = @($help.parameters.parameter | Where-Object { $_ } | ForEach-Object { $_.name })
    }

    It 'comes from the help file, not the generated stub' {
        # Without a help file Get-Help makes an ExtendedCmdletHelpInfo from the syntax alone.
        $help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo' -Because 'build/Build-Help.ps1 writes en-US/PromoOnly.dll-Help.xml'
    }

    It 'has a synopsis of its own' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without help, the synopsis is the syntax line, which starts with the command's name.
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name*"
        $help.Synopsis | Should -Not -Match '\[<CommonParameters>\]'
    }

    It 'has a description' {
        Get-HelpText $help.description | Should -Match '\w+(\s+\w+){5}' -Because 'a description is at least a sentence'
    }

    It 'has at least two examples, each with code' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.title | Should -Not -BeNullOrEmpty
            $example.code | Should -Not -BeNullOrEmpty -Because "example '$($example.title)' needs code"
        }
    }

    It 'describes -<_>' -ForEach $Parameters {
        $parameter = $help.parameters.parameter | Where-Object name -EQ $_
        $parameter | Should -Not -BeNullOrEmpty -Because "-$_ must be documented"
        Get-HelpText $parameter.description | Should -Not -BeNullOrEmpty
    }

    It 'documents no parameter the command lacks' {
        $extra = $documented | Where-Object { $_ -notin $command.Parameters.Keys }
        $extra | Should -BeNullOrEmpty
    }

    It 'shows every parameter set in its syntax' {
        @($help.syntax.syntaxItem).Count | Should -Be @($command.ParameterSets).Count
    }

    It 'documents its inputs' {
        @($help.inputTypes.inputType | Where-Object { $_.type.name }) | Should -Not -BeNullOrEmpty
    }

    It 'documents its outputs, including every declared output type' {
        $outputs = @($help.returnValues.returnValue | ForEach-Object { $_.type.name })
        $outputs | Should -Not -BeNullOrEmpty
        foreach ($type in $command.OutputType.Name) {
            $outputs | Should -Contain $type
        }
    }

    It 'has related links' {
        @($help.relatedLinks.navigationLink | Where-Object { $_.linkText }) | Should -Not -BeNullOrEmpty
    }
}

Describe 'about_PromoOnly' {
    BeforeAll {
        $about = Get-Help about_PromoOnly -ErrorAction SilentlyContinue | Out-String
        $connect = Get-Command -Module PromoOnly -Name Connect-PromoOnly
    }

    It 'is found by Get-Help and laid out as an about topic' {
        $about | Should -Match '(?m)^TOPIC\s+about_PromoOnly'
        foreach ($heading in 'SHORT DESCRIPTION', 'LONG DESCRIPTION', 'SEE ALSO') {
            $about | Should -Match "(?m)^$heading\s*$"
        }
    }

    It 'keeps every line within 80 characters' {
        $long = ($about -split '\r?\n') | Where-Object Length -GT 80
        $long | Should -BeNullOrEmpty
    }

    It 'explains every connection form of Connect-PromoOnly' {
        foreach ($set in $connect.ParameterSets) {
            $mandatory = @($set.Parameters | Where-Object IsMandatory | ForEach-Object Name)
            if ($mandatory) {
                foreach ($parameter in $mandatory) {
                    $about | Should -Match "-$parameter\b" -Because "the $($set.Name) form needs -$parameter"
                }
            }
            else {
                $about | Should -Match "\b$($set.Name)\b" -Because "the $($set.Name) form takes no credential parameter"
            }
        }
        # Renewal, the runspaces that share the session store, several accounts, copied sessions.
        foreach ($topic in 'renew', 'ForEach-Object\s+-Parallel', 'Start-ThreadJob', '-DoNotSetDefault', '-Session\b', 'deserialized') {
            $about | Should -Match $topic
        }
    }

    It 'finds the error ids in ErrorRecords.cs' -ForEach @{ Found = @($ErrorIds).Count } {
        $Found | Should -BeGreaterOrEqual 10 -Because 'the pattern must keep matching the ErrorRecords factory'
    }

    It 'documents error <Id> with its category <Category>' -ForEach $ErrorIds {
        $about | Should -Match "\b$Id\b" -Because "$Id is an error id the module raises"
        $about | Should -Match "(?s)\b$Id\b.{0,200}?\b$Category\b" -Because "$Id has the category $Category"
    }
}
