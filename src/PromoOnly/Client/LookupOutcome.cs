namespace PromoOnly.Client;

/// <summary>One track's result: its servers, or why there are none. Failures travel as values so one track cannot end the others.</summary>
internal sealed class LookupOutcome
{
    private LookupOutcome(long trackId, ServerList? servers, PoolApiException? failure)
    {
        TrackId = trackId;
        Servers = servers;
        Failure = failure;
    }

    public long TrackId { get; }

    public ServerList? Servers { get; }

    public PoolApiException? Failure { get; }

    public static LookupOutcome Found(long trackId, ServerList servers) => new(trackId, servers, null);

    public static LookupOutcome Failed(long trackId, PoolApiException failure) => new(trackId, null, failure);
}
