using System;
using System.Threading;
using System.Threading.Tasks;
using System.Management.Automation;
using PromoOnly.Auth;
using PromoOnly.Catalogue;
using PromoOnly.Client;
using PromoOnly.Pipeline;

namespace PromoOnly.Commands;

/// <summary>
/// Base of the catalogue commands: the -Session parameter, the session check, one
/// <see cref="CatalogueClient"/> per command, and how a failed call becomes an error record.
/// Every call is awaited on the pipeline thread, so output is written there and nothing else.
/// </summary>
public abstract class CatalogueCmdlet : PromoCmdlet
{
    private const int MaxRetries = 4;

    /// <summary>A session from Connect-PromoOnly -PassThru, used instead of the default one.</summary>
    [Parameter]
    [ValidateNotNull]
    [SessionTransformation]
    public PromoOnlySession? Session { get; set; }

    internal CatalogueClient Catalogue { get; private set; } = null!;

    /// <summary>The session the calls go out on: -Session, or the default one.</summary>
    internal PromoOnlySession ActiveSession { get; private set; } = null!;

    protected override void BeginProcessing()
    {
        PromoOnlySession session = RequireSession(Session);

        ActiveSession = session;
        Catalogue = new CatalogueClient(session, CreateClient(session), new RetryPolicy(MaxRetries), this);
    }

    /// <summary>
    /// For commands that take many ids: up to <paramref name="throttleLimit"/> calls in flight, each
    /// id's answer written in input order on the pipeline thread, failures as values.
    /// </summary>
    internal OrderedPipeline<long, Outcome<T>> IdPipeline<T>(int throttleLimit, Func<long, CancellationToken, Task<T>> fetch)
        where T : class =>
        new(throttleLimit, async (id, cancel) =>
        {
            try
            {
                return Outcome<T>.Found(id, await fetch(id, cancel).ConfigureAwait(false));
            }
            catch (PoolApiException failure)
            {
                return Outcome<T>.Failed(id, failure);
            }
        }, CancelToken);

    /// <summary>Writes one id's tracks, or its error; <paramref name="where"/> names the answer in a skip warning.</summary>
    internal void WriteTracks(Outcome<Mapped<Track>> outcome, string where)
    {
        if (outcome.Failure is { } failure)
        {
            WriteFailure(failure, outcome.Id);
            return;
        }

        NoteSkipped(outcome.Value!.Skipped, where);
        WriteObject(outcome.Value.Items, enumerateCollection: true);
    }

    /// <summary>Says that a paged list ended early (<see cref="PageFeed{T}.Warning"/>), when it did.</summary>
    internal void NoteEnd(string? warning)
    {
        if (warning is not null)
        {
            WriteWarning(warning);
        }
    }

    /// <summary>Says, once per answer, that the server sent entries this module could not use.</summary>
    internal void NoteSkipped(int skipped, string where)
    {
        if (skipped > 0)
        {
            WriteWarning($"The POOL API sent {skipped} entr{(skipped == 1 ? "y" : "ies")} without a usable id in {where}; {(skipped == 1 ? "it was" : "they were")} left out.");
        }
    }
}
