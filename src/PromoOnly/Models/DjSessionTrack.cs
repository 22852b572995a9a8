using System;

namespace PromoOnly;

/// <summary>One play in a reported DJ session (<c>/tracktrends/session/{id}</c>).</summary>
public sealed class DjSessionTrack
{
    internal DjSessionTrack(long sessionId, long id)
    {
        SessionId = sessionId;
        Id = id;
    }

    public long SessionId { get; }

    /// <summary>The play's own id in the report.</summary>
    public long Id { get; }

    /// <summary>The POOL track the play was matched to; empty when it was not matched (the API sends 0).</summary>
    public long? LinkId { get; internal set; }

    /// <summary>When it was played, in UTC (the API sends a local time with its offset).</summary>
    public DateTime? Played { get; internal set; }

    /// <summary>The artist as the DJ software reported it.</summary>
    public string Artist { get; internal set; } = string.Empty;

    /// <summary>The title as the DJ software reported it.</summary>
    public string Title { get; internal set; } = string.Empty;

    public override string ToString() => $"{Artist} - {Title}";
}
