using System.Collections.Generic;
using System.Management.Automation;
using PromoOnly.Client;
using PromoOnly.Preferences;

namespace PromoOnly.Commands;

/// <summary>
/// Set-PromoFileNaming: how the POOL names the account's downloads. Takes a FileNaming from
/// Get-PromoFileNaming (changed), or slot changes by name: -Slot with -Field, -Modifier and
/// -AllCaps, from the command line or piped FileNamingSlot objects. Slot changes start from the
/// naming the server has now, so slots not named stay as they are, and all five go out in one save.
/// </summary>
[Cmdlet(VerbsCommon.Set, "PromoFileNaming", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Preferences)]
[OutputType(typeof(FileNaming))]
public sealed class SetPromoFileNamingCommand : CatalogueCmdlet
{
    private const string ObjectSet = "ByObject";
    private const string SlotSet = "BySlot";

    private readonly List<(int Slot, string? Field, string? Modifier, bool? AllCaps)> _changes = new();

    /// <summary>A naming from Get-PromoFileNaming, with its slots changed.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
    [ValidateNotNull]
    public FileNaming InputObject { get; set; } = null!;

    /// <summary>The slot to change, 1 to 5.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = SlotSet)]
    [ValidateRange(1, FileNaming.SlotCount)]
    public int Slot { get; set; }

    /// <summary>The field for the slot by name ("Artist") or index; an empty string for none.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = SlotSet)]
    [AllowEmptyString]
    public string? Field { get; set; }

    /// <summary>The modifier for the slot ("-", "_", "( )", "( ) -") or its index; an empty string for none.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = SlotSet)]
    [AllowEmptyString]
    public string? Modifier { get; set; }

    /// <summary>Whether the slot is written in capitals.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = SlotSet)]
    public bool? AllCaps { get; set; }

    /// <summary>Writes the naming as saved.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ObjectSet)
        {
            Save(InputObject, terminating: false);
        }
        else
        {
            _changes.Add((Slot, Field, Modifier, AllCaps));
        }
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName != SlotSet || _changes.Count == 0)
        {
            return;
        }

        FileNaming naming;
        try
        {
            naming = Await(Preferences.GetFileNamingAsync(CancelToken));
        }
        catch (PoolApiException failure)
        {
            WriteFailure(failure, ActiveSession);
            return;
        }

        foreach ((int slot, string? field, string? modifier, bool? allCaps) in _changes)
        {
            FileNamingSlot target = naming.Slots[slot - 1];
            target.Field = field ?? target.Field;
            target.Modifier = modifier ?? target.Modifier;
            target.AllCaps = allCaps ?? target.AllCaps;
        }

        Save(naming, terminating: true);
    }

    private void Save(FileNaming naming, bool terminating)
    {
        // Checked before -WhatIf or -Confirm: a naming the server would refuse is not worth asking about.
        if (FileNamingAnswer.Problem(naming) is { } problem)
        {
            ErrorRecord record = ErrorRecords.InvalidFileNaming(problem, naming);
            if (terminating)
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
            return;
        }

        if (!ShouldProcess($"file naming '{naming}'", "Save"))
        {
            return;
        }

        try
        {
            Await(Preferences.SaveFileNamingAsync(naming, CancelToken));
        }
        catch (PoolApiException failure)
        {
            WriteFailure(failure, naming);
            return;
        }

        if (PassThru)
        {
            WriteObject(naming);
        }
    }
}
