namespace PromoOnly.Catalogue;

/// <summary>The history's MEDIA_TYPE path segment (contract section 6).</summary>
internal enum HistoryMedia
{
    All = 0,
    Video = 1,
    Audio = 2,
}

/// <summary>The history's VIEW_MODE path segment: one entry per track, or per release.</summary>
internal enum HistoryView
{
    Tracks = 1,
    Releases = 2,
}
