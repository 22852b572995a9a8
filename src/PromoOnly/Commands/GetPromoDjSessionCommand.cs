using System.Management.Automation;
using PromoOnly.Client;
using PromoOnly.Catalogue;
using PromoOnly.Pipeline;

namespace PromoOnly.Commands;

/// <summary>
/// Get-PromoDjSession: the DJ sessions the account reported, newest first, read a page (20) at a
/// time only while the pipeline wants more; or, with -Id or piped sessions, the tracks played in
/// each, several sessions at once, written in input order.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PromoDjSession", SupportsPaging = true, HelpUri = HelpLinks.QueueAndSessions)]
[OutputType(typeof(DjSession), typeof(DjSessionTrack))]
public sealed class GetPromoDjSessionCommand : CatalogueCmdlet
{
    private OrderedPipeline<long, Outcome<Mapped<DjSessionTrack>>> _pipeline = null!;
    private bool _byId;

    /// <summary>Sessions whose tracks to list; DjSession objects bind by their Id, plays (DjSessionTrack) by their SessionId.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [DjSessionIdTransformation]
    [ValidateRange(1, long.MaxValue)]
    public long[]? Id { get; set; }

    /// <summary>With -Id: how many sessions may be requested at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        // Piped into, the command lists the plays of what arrives, even if nothing does: listing
        // every session instead would answer a question nobody asked.
        _byId = MyInvocation.ExpectingInput || MyInvocation.BoundParameters.ContainsKey(nameof(Id));
        _pipeline = IdPipeline(ThrottleLimit, (id, cancel) => DjSessions.GetSessionAsync(id, cancel));
    }

    protected override void ProcessRecord()
    {
        if (Id is null)
        {
            return;
        }

        foreach (long id in Id)
        {
            AddInOrder(_pipeline, id, Write);
        }
    }

    protected override void EndProcessing()
    {
        if (_byId)
        {
            DrainInOrder(_pipeline, Write);
        }
        else
        {
            WritePages(new PageFeed<DjSession>(DjSessions.GetSessionPageAsync, session => session.Id), "DJ sessions", "the DJ sessions");
        }

        WriteTotalCountIfAsked();
    }

    protected override void DisposeResources() => _pipeline?.Dispose();

    private void Write(Outcome<Mapped<DjSessionTrack>> outcome)
    {
        if (outcome.Failure is { } failure)
        {
            WriteFailure(failure, outcome.Id);
            return;
        }

        NoteSkipped(outcome.Value!.Skipped, $"DJ session {outcome.Id}");
        foreach (DjSessionTrack play in outcome.Value.Items)
        {
            Emit(play);
        }
    }
}
