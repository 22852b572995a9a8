using System;

namespace PromoOnly;

/// <summary>A DJ session the account reported (<c>/tracktrends/sessions</c>); its Id binds by property name to Get-PromoDjSession.</summary>
public sealed class DjSession
{
    internal DjSession(long id)
    {
        Id = id;
    }

    public long Id { get; }

    /// <summary>The session's name as reported, often its file name ("6491.session").</summary>
    public string Name { get; internal set; } = string.Empty;

    /// <summary>When it was reported, in UTC.</summary>
    public DateTime? ReportedAt { get; internal set; }

    public override string ToString() => Name;
}
