using System.Collections.Generic;
using PromoOnly.Client;

namespace PromoOnly.Downloads;

/// <summary>
/// One track's result: the saved (or skipped) file and any non-fatal problems on the way (a host that
/// failed validation, a success signal that did not get through), or why nothing was saved. Failures
/// travel as values so one track cannot end the others.
/// </summary>
internal sealed class DownloadOutcome
{
    private DownloadOutcome(long trackId, TrackDownload? download, PoolApiException? failure, IReadOnlyList<PoolApiException> warnings)
    {
        TrackId = trackId;
        Download = download;
        Failure = failure;
        Problems = warnings;
    }

    public long TrackId { get; }

    public TrackDownload? Download { get; }

    public PoolApiException? Failure { get; }

    /// <summary>Errors to report beside the result (InvalidServerHost, DownloadNotAcknowledged).</summary>
    public IReadOnlyList<PoolApiException> Problems { get; }

    public static DownloadOutcome Saved(TrackDownload download, IReadOnlyList<PoolApiException> problems) => new(download.TrackId, download, null, problems);

    public static DownloadOutcome Failed(long trackId, PoolApiException failure, IReadOnlyList<PoolApiException> problems) => new(trackId, null, failure, problems);

    /// <summary>A track the command did not try (it had stopped trying), or stopped before it finished.</summary>
    public static DownloadOutcome NotAttempted(long trackId) => new(trackId, null, null, System.Array.Empty<PoolApiException>());

    /// <summary>Neither saved nor failed: see <see cref="NotAttempted"/>.</summary>
    public bool WasAttempted => Download is not null || Failure is not null;
}
