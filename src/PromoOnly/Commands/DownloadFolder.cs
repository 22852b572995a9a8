using System;
using System.IO;
using System.Management.Automation;

namespace PromoOnly.Commands;

/// <summary>
/// Save-PromoTrack's -Path as a folder of the file system, and the one terminating error
/// (InvalidDownloadFolder) with which a folder that cannot be used ends the command, before any
/// track is queued.
/// </summary>
internal static class DownloadFolder
{
    /// <summary>The full path of <paramref name="path"/>, which may not exist yet; not a file, and on the FileSystem provider.</summary>
    public static string Resolve(PSCmdlet cmdlet, string path)
    {
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (Exception ex) when (ex is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or ArgumentException)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.InvalidDownloadFolder(path, ex.Message));
            throw;
        }

        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.InvalidDownloadFolder(path, $"it is on the {provider.Name} provider, not the file system"));
        }

        if (File.Exists(resolved))
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.InvalidDownloadFolder(resolved, "it is a file"));
        }

        return resolved;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the folder; a folder that cannot be created, or whose record
    /// cannot be read (or is a link, never followed), ends the command.
    /// </summary>
    public static T Use<T>(Cmdlet cmdlet, string folder, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.InvalidDownloadFolder(folder, ex.Message.TrimEnd('.')));
            throw;
        }
    }
}
