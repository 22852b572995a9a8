using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using System.Management.Automation;
using PromoOnly.Auth;
using PromoOnly.Catalogue;
using PromoOnly.Client;
using PromoOnly.Account;
using PromoOnly.Pipeline;
using PromoOnly.Preferences;
using PromoOnly.Reporting;

namespace PromoOnly.Commands;

/// <summary>
/// Base of the commands that call the POOL API for a session: the -Session parameter, the session
/// check, one <see cref="SessionCalls"/> per command, the -First/-Skip window of paged output, and
/// how a failed call becomes an error record.
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

    private ulong _skipLeft;
    private ulong _emitted;

    /// <summary>Every call of this command, sharing one retry policy and one 429 back-off.</summary>
    internal SessionCalls Calls { get; private set; } = null!;

    internal CatalogueClient Catalogue { get; private set; } = null!;

    internal PreferencesClient Preferences => new(Calls);

    internal AccountClient Account => new(Calls);

    internal DjSessionClient DjSessions => new(Calls);

    /// <summary>The session the calls go out on: -Session, or the default one.</summary>
    internal PromoOnlySession ActiveSession { get; private set; } = null!;

    /// <summary>With SupportsPaging: -First is satisfied, so nothing more needs to be fetched.</summary>
    internal bool OutputFull => PagingParameters is { } paging && _emitted >= paging.First;

    protected override void BeginProcessing()
    {
        PromoOnlySession session = RequireSession(Session);

        ActiveSession = session;
        Calls = new SessionCalls(session, CreateClient(session), new RetryPolicy(MaxRetries), this);
        Catalogue = new CatalogueClient(Calls);
        _skipLeft = PagingParameters?.Skip ?? 0;
    }

    /// <summary>Writes <paramref name="item"/> unless -Skip still leaves it out or -First is satisfied.</summary>
    internal void Emit(object item)
    {
        if (OutputFull)
        {
            return;
        }

        if (_skipLeft > 0)
        {
            _skipLeft--;
            return;
        }

        _emitted++;
        WriteObject(item);
    }

    /// <summary>-IncludeTotalCount: the API never says how many there are, so the count's accuracy is 0 (unknown).</summary>
    internal void WriteTotalCountIfAsked()
    {
        if (PagingParameters is { } paging && paging.IncludeTotalCount)
        {
            WriteObject(paging.NewTotalCount(_emitted, 0.0));
        }
    }

    /// <summary>
    /// Reads <paramref name="feed"/> one page at a time, only while the pipeline wants more (-First,
    /// or Select-Object -First stopping the pipeline after the page it needed). A page that fails
    /// after its retries ends the walk as one error: later pages cannot be placed.
    /// </summary>
    internal void WritePages<T>(PageFeed<T> feed, string pages, string list)
    {
        while (!feed.IsFinished && !OutputFull)
        {
            IReadOnlyList<T> items;
            try
            {
                items = Await(feed.NextAsync(CancelToken));
            }
            catch (PoolApiException failure)
            {
                WriteFailure(failure, $"{pages} page {feed.PagesRead + 1}");
                break;
            }

            foreach (T item in items)
            {
                Emit(item!);
            }
        }

        NoteSkipped(feed.Skipped, list);
        NoteEnd(feed.Warning(list));
    }

    /// <summary>One call's items, or its failure as an error about <paramref name="target"/>.</summary>
    internal void WriteAll<T>(Func<Task<Mapped<T>>> call, object target, string where)
    {
        try
        {
            Mapped<T> found = Await(call());
            NoteSkipped(found.Skipped, where);
            foreach (T item in found.Items)
            {
                Emit(item!);
            }
        }
        catch (PoolApiException failure)
        {
            WriteFailure(failure, target);
        }
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
