namespace PromoOnly.Emulator.Diagnostics;

/// <summary>The POOL API endpoints whose calls are counted in /_emulator/stats.</summary>
internal enum PoolCall
{
    Authenticate,
    Validate,
    Signin,
    Servers,
    Queue,
    Success,
    ReleasePages,
    Release,
    Versions,
    Search,
    QuickSearch,
    HistoryPages,
    FileFormats,
}
