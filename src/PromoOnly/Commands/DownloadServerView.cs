using System.Management.Automation;

namespace PromoOnly.Commands;

/// <summary>
/// Picks the table a DownloadServer is shown with, by the type name it goes out under: a plain
/// lookup shows where to download (Uri), a measured one how fast each mirror is, and a host
/// measured by name only the host, since it was listed for no track and has no server id.
/// The object stays a PromoOnly.DownloadServer for -is, Select-Object, Export-Csv and binding.
/// </summary>
internal static class DownloadServerView
{
    public const string Measured = "PromoOnly.DownloadServer#Measured";

    public const string HostOnly = "PromoOnly.DownloadServer#HostName";

    public static PSObject Wrap(DownloadServer server)
    {
        var wrapped = new PSObject(server);
        if (server.Reachable is not null)
        {
            wrapped.TypeNames.Insert(0, server.TrackId == 0 ? HostOnly : Measured);
        }

        return wrapped;
    }
}
