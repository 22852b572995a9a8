using System;
using System.Collections.Generic;
using System.Threading;
using PromoOnly.Auth;
using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>
/// Save-PromoTrack -ReleaseId (or a piped Release): the tracks of a release, in its order, read
/// with the command's session, time limit and retries. A release that cannot be read is an error
/// about its id and gives no track; the other releases carry on.
/// </summary>
internal sealed class ReleaseExpansion
{
    private readonly PerTrackCmdlet _cmdlet;
    private readonly CatalogueClient _catalogue;

    public ReleaseExpansion(PerTrackCmdlet cmdlet, PromoOnlySession session)
    {
        _cmdlet = cmdlet;
        _catalogue = new CatalogueClient(new SessionCalls(session, cmdlet.CreateClient(session, cmdlet.RequestTimeout), new RetryPolicy(cmdlet.MaxRetryCount), cmdlet));
    }

    public IReadOnlyList<Track> TracksOf(long releaseId, CancellationToken cancellationToken)
    {
        (Release Release, Mapped<Track> Tracks) found;
        try
        {
            found = _cmdlet.Await(_catalogue.GetReleaseAsync(releaseId, cancellationToken));
        }
        catch (PoolApiException failure)
        {
            _cmdlet.WriteFailure(failure, releaseId);
            return Array.Empty<Track>();
        }

        _cmdlet.WriteVerbose($"Release {releaseId} ({found.Release}): {found.Tracks.Items.Count} tracks to save.");
        return found.Tracks.Items;
    }
}
