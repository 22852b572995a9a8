namespace PromoOnly;

/// <summary>
/// A chart the account can see (<c>/user/charts</c>). Charts are releases on the POOL:
/// <see cref="ChartId"/> is a release id, so Get-PromoTrack lists a chart's tracks.
/// </summary>
public sealed class Chart
{
    internal Chart(long chartId)
    {
        ChartId = chartId;
    }

    /// <summary>Binds by property name to Get-PromoTrack and Get-PromoRelease -Id.</summary>
    public long ChartId { get; }

    public string Name { get; internal set; } = string.Empty;

    /// <summary>The group the POOL files it under, for example "POOL Audio Charts".</summary>
    public string Format { get; internal set; } = string.Empty;

    /// <summary>Whether the account shows the chart (false: hidden in its chart filters).</summary>
    public bool Shown { get; internal set; }

    public override string ToString() => Name;
}
