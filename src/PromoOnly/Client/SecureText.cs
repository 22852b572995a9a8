using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace PromoOnly.Client;

/// <summary>
/// Short, wiped exposures of <see cref="SecureString"/> contents as UTF-8 bytes. Every buffer that
/// held the plain text is zeroed before the method returns, whatever the callback does.
/// </summary>
internal static class SecureText
{
    /// <summary>Calls <paramref name="use"/> with prefix + UTF-8(secret) and wipes that buffer afterwards.</summary>
    public static T WithUtf8<T>(SecureString secret, byte[] prefix, Func<byte[], T> use)
    {
        IntPtr unmanaged = IntPtr.Zero;
        char[] chars = new char[secret.Length];
        byte[]? bytes = null;
        try
        {
            unmanaged = Marshal.SecureStringToGlobalAllocUnicode(secret);
            Marshal.Copy(unmanaged, chars, 0, chars.Length);
            int secretBytes = Encoding.UTF8.GetByteCount(chars);
            bytes = new byte[prefix.Length + secretBytes];
            Buffer.BlockCopy(prefix, 0, bytes, 0, prefix.Length);
            Encoding.UTF8.GetBytes(chars, 0, chars.Length, bytes, prefix.Length);
            return use(bytes);
        }
        finally
        {
            Array.Clear(chars, 0, chars.Length);
            if (bytes is not null)
            {
                Array.Clear(bytes, 0, bytes.Length);
            }

            if (unmanaged != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            }
        }
    }

    /// <summary>Whether the secret has a space or line break, the usual trace of a careless paste.</summary>
    public static bool HasWhitespace(SecureString secret) =>
        WithUtf8(secret, Array.Empty<byte>(), static bytes => Array.Exists(bytes, b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'));

    /// <summary>A read-only copy built from plain text, for secrets that arrive from the network.</summary>
    public static SecureString FromPlainText(string text)
    {
        var secure = new SecureString();
        foreach (char c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
