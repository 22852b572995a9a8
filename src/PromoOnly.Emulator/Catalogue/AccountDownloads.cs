namespace PromoOnly.Emulator.Catalogue;

/// <summary>
/// One account's downloaded tracks as the catalogue answers see them: the seeded ones (the
/// arithmetic rule of <see cref="CatalogueTrack.SeededFor"/>) plus those it signalled with
/// POST /download/success since the emulator started.
/// </summary>
internal sealed class AccountDownloads(int userId, IReadOnlyDictionary<int, DownloadMark> signalled)
{
    public int UserId { get; } = userId;

    /// <summary>The signalled tracks by id.</summary>
    public IReadOnlyDictionary<int, DownloadMark> Signalled { get; } = signalled;

    public bool Has(CatalogueTrack track) => Signalled.ContainsKey(track.TrackId) || track.SeededFor(UserId);

    public bool Has(CatalogueRelease release) => release.Tracks.All(Has);
}
