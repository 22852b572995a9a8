using System.Threading;

namespace PromoOnly.Auth;

/// <summary>
/// The process-wide default session. Static, so every runspace of the process (ForEach-Object
/// -Parallel, thread jobs) sees the session made at the prompt; replaced atomically on connect.
/// </summary>
internal static class SessionStore
{
    private static PromoOnlySession? _current;

    public static PromoOnlySession? Current => Volatile.Read(ref _current);

    public static void Set(PromoOnlySession session) => Volatile.Write(ref _current, session);

    /// <summary>Removes and returns the default session, or null when there was none.</summary>
    public static PromoOnlySession? Clear() => Interlocked.Exchange(ref _current, null);

    /// <summary>Removes <paramref name="session"/> only if it is still the default.</summary>
    public static bool Clear(PromoOnlySession session) =>
        ReferenceEquals(Interlocked.CompareExchange(ref _current, null, session), session);
}
