using System;
using System.Diagnostics;
using System.Management.Automation;

namespace PromoOnly.Commands;

/// <summary>
/// Write-Progress for long runs: done of total when the ids came as an argument, done and rate when
/// they stream from the pipeline. Silent for a handful of ids, and at most four updates a second.
/// </summary>
internal sealed class ProgressReporter
{
    private const int Handful = 5;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Cmdlet _cmdlet;
    private readonly string _activity;
    private readonly long? _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastShown;
    private bool _shown;
    private long _done;

    public ProgressReporter(Cmdlet cmdlet, string activity, long? total)
    {
        _cmdlet = cmdlet;
        _activity = activity;
        _total = total;
    }

    public void Completed(long tracks = 1)
    {
        _done += tracks;
        if (_done <= Handful || (_total is { } total && total <= Handful) || (_lastShown is { } last && _clock.Elapsed - last < Interval))
        {
            return;
        }

        _lastShown = _clock.Elapsed;
        _shown = true;
        double rate = _done / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var record = new ProgressRecord(0, _activity, _total is { } known ? $"{_done} of {known} tracks" : $"{_done} tracks, {rate:0} per second");
        if (_total is { } all && all > 0)
        {
            record.PercentComplete = (int)Math.Min(100, _done * 100 / all);
        }

        _cmdlet.WriteProgress(record);
    }

    public void Finish()
    {
        if (_shown)
        {
            _cmdlet.WriteProgress(new ProgressRecord(0, _activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
