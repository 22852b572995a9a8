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

    /// <summary>
    /// -IncludeInput: the input object's properties as note properties on <paramref name="server"/>,
    /// so a CSV row's Artist and Title travel with each of its servers into Export-Csv. The
    /// server's own properties win a name clash; text and numbers have no properties to copy.
    /// </summary>
    public static PSObject WithInput(PSObject server, PSObject? input)
    {
        if (input is null || input.BaseObject is string || input.BaseObject.GetType().IsPrimitive)
        {
            return server;
        }

        foreach (PSPropertyInfo property in input.Properties)
        {
            if (server.Properties[property.Name] is null && property.IsGettable)
            {
                server.Properties.Add(new PSNoteProperty(property.Name, SafeValue(property)));
            }
        }

        return server;
    }

    private static object? SafeValue(PSPropertyInfo property)
    {
        try
        {
            return property.Value;
        }
        catch (GetValueException)
        {
            // A property that throws when read (some .NET types have them) is left empty.
            return null;
        }
    }
}
