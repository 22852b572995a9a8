using System;

namespace PromoOnly;

/// <summary>One re-download request as the POOL answered it: the tracks sent together, and how many it queued again.</summary>
public sealed class RedownloadRequest
{
    internal RedownloadRequest(long[] trackId, int tracksRequeued, string reason)
    {
        TrackId = trackId;
        TracksRequeued = tracksRequeued;
        Reason = reason;
    }

    /// <summary>The tracks this request named (up to 100).</summary>
    public long[] TrackId { get; }

    /// <summary>How many of them the POOL queued again: only tracks the account downloaded before qualify.</summary>
    public int TracksRequeued { get; }

    public string Reason { get; }

    public override string ToString() => $"{TracksRequeued} of {TrackId.Length} tracks requeued";
}
