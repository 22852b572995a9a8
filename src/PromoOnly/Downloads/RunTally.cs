using System.Collections.Generic;
using System.Globalization;
using PromoOnly.Client;

namespace PromoOnly.Downloads;

/// <summary>
/// What one Save-PromoTrack run did, track by track, and when to stop trying: after
/// <see cref="DownInARow"/> tracks in a row failed because the API could not be reached (each
/// after its own retries), the rest would only fail the same way, slowly, so they are not attempted.
/// </summary>
internal sealed class RunTally
{
    public const int DownInARow = 3;

    private readonly List<long> _notAttempted = new();
    private int _downInARow;

    public int Saved { get; private set; }

    public int Skipped { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Tracks given to the command that it did not try (or stopped trying) after it halted.</summary>
    public IReadOnlyList<long> NotAttempted => _notAttempted;

    /// <summary>True once the API was down for <see cref="DownInARow"/> tracks in a row.</summary>
    public bool Halted { get; private set; }

    /// <summary>The failure that halted the run.</summary>
    public PoolErrorKind? HaltedBy { get; private set; }

    public int Handled => Saved + Skipped + Failed + _notAttempted.Count;

    /// <summary>Whether a failure of this kind means the API itself is out of reach, not this one track.</summary>
    public static bool MeansApiDown(PoolErrorKind kind) =>
        kind is PoolErrorKind.Network or PoolErrorKind.Timeout or PoolErrorKind.ServiceUnavailable;

    public void AddSaved(bool skipped)
    {
        if (skipped)
        {
            Skipped++;
        }
        else
        {
            Saved++;
            _downInARow = 0;
        }
    }

    /// <summary>Counts a failed track; true when it is the one that halts the run.</summary>
    public bool AddFailed(PoolErrorKind kind)
    {
        Failed++;
        if (!MeansApiDown(kind))
        {
            _downInARow = 0;
            return false;
        }

        if (Halted || ++_downInARow < DownInARow)
        {
            return false;
        }

        Halted = true;
        HaltedBy = kind;
        return true;
    }

    public void AddNotAttempted(long trackId) => _notAttempted.Add(trackId);

    /// <summary>The line a person at the prompt sees at the end of a run (never a script: see Welcome.ShouldShow).</summary>
    public string Summary(string folder, int partialsKept, bool stopped)
    {
        var parts = new List<string> { Count(Saved, "saved"), Count(Skipped, "skipped"), Count(Failed, "failed") };
        if (_notAttempted.Count > 0)
        {
            parts.Add(Count(_notAttempted.Count, "not attempted"));
        }

        string line = (stopped ? "Save-PromoTrack stopped: " : "Save-PromoTrack: ") + string.Join(", ", parts) + $" in '{folder}'";
        if (partialsKept > 0)
        {
            line += partialsKept == 1
                ? "; 1 partial file kept, which the next run continues"
                : $"; {partialsKept.ToString(CultureInfo.InvariantCulture)} partial files kept, which the next run continues";
        }

        return line + ".";
    }

    private static string Count(int count, string what) => count.ToString(CultureInfo.InvariantCulture) + " " + what;
}
