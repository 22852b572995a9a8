using System.Reflection;
using System.Runtime.InteropServices;

namespace PromoOnly.Client;

/// <summary>The User-Agent every request carries: the module, its version, and where it runs.</summary>
internal static class UserAgent
{
    public static string ModuleVersion { get; } =
        typeof(UserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(UserAgent).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0";

    /// <summary>For example <c>PromoOnly.PowerShell/0.1.0 PowerShell/7.6.9 (Linux)</c>.</summary>
    public static string Create(string? powerShellVersion)
    {
        string platform = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "Windows"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macOS"
            : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "Linux"
            : "Unknown";
        string host = string.IsNullOrEmpty(powerShellVersion) ? string.Empty : $" PowerShell/{powerShellVersion}";
        return $"PromoOnly.PowerShell/{ModuleVersion}{host} ({platform})";
    }
}
