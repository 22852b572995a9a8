using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using PromoOnly.Downloads;

namespace PromoOnly.Commands;

/// <summary>
/// Write-Progress for Save-PromoTrack: one parent record for the batch (tracks done, bytes, rate,
/// and the time left for the whole batch once its size is known: see BatchEstimate) and one child
/// per download in flight (name, percent, rate). Called
/// only on the pipeline thread, at most five times a second; every record is completed at the end.
/// Under $ProgressPreference = 'SilentlyContinue' it is never created.
/// </summary>
internal sealed class DownloadProgressReporter
{
    private const int ParentId = 1;
    private const int FirstChildId = 100;
    private const string Activity = "Save-PromoTrack";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly Cmdlet _cmdlet;
    private readonly ProgressBoard _board;
    private long? _total;
    private long _savedBytes;
    private int _savedFiles;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<int, (long Bytes, TimeSpan At)> _shownChildren = new();
    private TimeSpan? _lastShown;
    private long _lastBytes;
    private double _rate;
    private long _done;
    private bool _shown;

    public DownloadProgressReporter(Cmdlet cmdlet, ProgressBoard board, long? total)
    {
        _cmdlet = cmdlet;
        _board = board;
        _total = total;
    }

    /// <summary>A track is done; <paramref name="savedBytes"/> is the size of the file it saved, if it saved one.</summary>
    public void Completed(long? savedBytes)
    {
        _done++;
        if (savedBytes is { } bytes)
        {
            _savedBytes += bytes;
            _savedFiles++;
        }

        Update();
    }

    /// <summary>Every track of the batch has been handed over (input from the pipeline ended): now its size is known.</summary>
    public void InputComplete(long tracks) => _total ??= tracks;

    public void Update(bool force = false)
    {
        TimeSpan now = _clock.Elapsed;
        if (!force && _lastShown is { } last && now - last < Interval)
        {
            return;
        }

        long bytes = _board.Bytes;
        double seconds = (now - (_lastShown ?? TimeSpan.Zero)).TotalSeconds;
        double sample = (bytes - _lastBytes) / Math.Max(seconds, 0.001);
        _rate = _rate == 0 ? sample : (0.7 * _rate) + (0.3 * sample);
        _lastBytes = bytes;
        _lastShown = now;
        _shown = true;

        TransferProgress[] active = _board.Active.ToArray();
        string done = _total is { } total ? $"{_done} of {total} tracks" : $"{_done} tracks";
        var parent = new ProgressRecord(ParentId, Activity, $"{done}, {Megabytes(bytes)} received, {Megabytes((long)_rate)}/s");
        if (_total is { } all && all > 0)
        {
            parent.PercentComplete = (int)Math.Min(100, _done * 100 / all);
        }

        if (BatchEstimate.SecondsRemaining(_total, _done, (_savedBytes, _savedFiles), active.Select(a => (a.Received, a.Total)).ToArray(), _rate) is { } left)
        {
            parent.SecondsRemaining = left;
        }

        _cmdlet.WriteProgress(parent);
        var seen = new HashSet<int>();
        foreach (TransferProgress transfer in active)
        {
            seen.Add(transfer.Slot);
            long received = transfer.Received;
            double childRate = _shownChildren.TryGetValue(transfer.Slot, out var previous) && now > previous.At
                ? Math.Max(0, received - previous.Bytes) / (now - previous.At).TotalSeconds
                : 0;
            _shownChildren[transfer.Slot] = (received, now);
            string status = transfer.Total > 0
                ? $"{Megabytes(received)} of {Megabytes(transfer.Total)}, {Megabytes((long)childRate)}/s"
                : $"{Megabytes(received)}, {Megabytes((long)childRate)}/s";
            var child = new ProgressRecord(FirstChildId + transfer.Slot, Clean(transfer.Name), status) { ParentActivityId = ParentId };
            if (transfer.Total > 0)
            {
                child.PercentComplete = (int)Math.Min(100, received * 100 / transfer.Total);
            }

            _cmdlet.WriteProgress(child);
        }

        foreach (int gone in _shownChildren.Keys.Where(slot => !seen.Contains(slot)).ToArray())
        {
            CompleteChild(gone);
        }
    }

    public void Finish()
    {
        if (!_shown)
        {
            return;
        }

        foreach (int slot in _shownChildren.Keys.ToArray())
        {
            CompleteChild(slot);
        }

        _cmdlet.WriteProgress(new ProgressRecord(ParentId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    private void CompleteChild(int slot)
    {
        _shownChildren.Remove(slot);
        _cmdlet.WriteProgress(new ProgressRecord(FirstChildId + slot, Activity, "Done") { ParentActivityId = ParentId, RecordType = ProgressRecordType.Completed });
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    // The name came from the server: no control or bidi characters in the console.
    private static string Clean(string name) => Client.ServerText.Excerpt(name).Length == 0 ? "download" : Client.ServerText.Excerpt(name);
}
