namespace PromoOnly.Emulator.Faults;

/// <summary>
/// --repeat-pages: the paged listings ignore the page number and answer every page with the first
/// one, as a server with a broken offset would. A client that reads until an empty page never
/// stops; one that notices the repeat does.
/// </summary>
internal sealed class RepeatedPages(bool enabled)
{
    /// <summary>The page to answer when <paramref name="asked"/> was asked for.</summary>
    public int Serve(int asked) => enabled ? 1 : asked;
}
