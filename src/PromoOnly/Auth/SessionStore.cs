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
}
