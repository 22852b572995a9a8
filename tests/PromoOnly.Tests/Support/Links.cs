using System.Runtime.InteropServices;

namespace PromoOnly.Tests.Support;

/// <summary>Plants symbolic links the way an attacker would, on .NET 10 and on the .NET Framework leg alike.</summary>
internal static class Links
{
    public static void Create(string link, string target)
    {
        bool made = Path.DirectorySeparatorChar == '\\'
            ? CreateSymbolicLinkW(link, target, 0x2)
            : symlink(target, link) == 0;
        if (!made)
        {
            throw new IOException($"Could not create the link '{link}' (error {Marshal.GetLastWin32Error()}).");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int symlink(string target, string link);

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern bool CreateSymbolicLinkW(string link, string target, int flags);
}
