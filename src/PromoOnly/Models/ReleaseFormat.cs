namespace PromoOnly;

/// <summary>
/// A release format the account can filter by (<c>/user/formats</c>), for example "Club Video";
/// <see cref="Id"/> is what Set-PromoFormatFilter -HideFormatId takes.
/// </summary>
public sealed class ReleaseFormat
{
    internal ReleaseFormat(int id)
    {
        Id = id;
    }

    public int Id { get; }

    public string Name { get; internal set; } = string.Empty;

    public override string ToString() => Name.Length == 0 ? Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : Name;
}
