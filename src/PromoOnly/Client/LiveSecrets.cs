using System;
using System.Collections.Generic;
using System.Text;

namespace PromoOnly.Client;

/// <summary>
/// The secret maskers of the sessions alive in this process, which every quoted server text goes
/// through (<see cref="ServerText"/>).
/// Process-wide on purpose: server text reaches the user from code that has no session at hand (a
/// socket error inside a media transfer, a mirror probe, a parser's InvalidResponse), and threading
/// a masker through each of them would make every forgotten path a leak; masking one session's
/// secret in another's output costs nothing. What keeps it small and honest: each session's secrets
/// are one <see cref="SecretMasker"/>, registered when connecting starts, removed when the connect
/// fails or the session is disconnected, and held weakly, so a session dropped without
/// Disconnect-PromoOnly leaves with the garbage collector.
/// </summary>
internal static class LiveSecrets
{
    private const string Marker = "[secret]";

    private static readonly List<WeakReference<SecretMasker>> Maskers = new();

    public static void Register(SecretMasker masker)
    {
        lock (Maskers)
        {
            if (!Maskers.Exists(known => known.TryGetTarget(out SecretMasker? k) && ReferenceEquals(k, masker)))
            {
                Maskers.Add(new WeakReference<SecretMasker>(masker));
            }
        }
    }

    public static void Unregister(SecretMasker masker)
    {
        lock (Maskers)
        {
            Maskers.RemoveAll(known => !known.TryGetTarget(out SecretMasker? k) || ReferenceEquals(k, masker));
        }
    }

    /// <summary>
    /// <paramref name="text"/> with every spelling of every live secret replaced by one marker per run.
    /// Positions are marked for every secret first and replaced once at the end, so a short secret
    /// (say "[sec") can never match inside another's marker.
    /// </summary>
    public static string Mask(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        bool[]? covered = null;
        foreach (SecretMasker masker in Snapshot())
        {
            masker.Cover(text, ref covered);
        }

        return covered is null ? text : Replace(text, covered);
    }

    private static List<SecretMasker> Snapshot()
    {
        var live = new List<SecretMasker>();
        lock (Maskers)
        {
            Maskers.RemoveAll(known => !known.TryGetTarget(out _));
            foreach (WeakReference<SecretMasker> known in Maskers)
            {
                if (known.TryGetTarget(out SecretMasker? masker))
                {
                    live.Add(masker);
                }
            }
        }

        return live;
    }

    private static string Replace(string text, bool[] covered)
    {
        var masked = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (!covered[i])
            {
                masked.Append(text[i]);
            }
            else if (i == 0 || !covered[i - 1])
            {
                masked.Append(Marker);
            }
        }

        return masked.ToString();
    }
}
