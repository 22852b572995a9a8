using System;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security;
using System.Text;

namespace PromoOnly.Client;

/// <summary>
/// The two Authorization headers of the contract, built straight from <see cref="SecureString"/>s:
/// Bearer base64(utf8("{userid}:{token}")) for data calls (endpoints 1 and 5) and Basic
/// base64(utf8("{key}:{secret}")) for endpoint 2. The plain secret only ever exists in buffers that
/// are wiped here; the one string that must exist is the header value HttpClient sends.
/// </summary>
internal static class AuthorizationHeaders
{
    public static AuthenticationHeaderValue Bearer(int userId, SecureString token) =>
        new("Bearer", BearerParameter(userId, token));

    public static AuthenticationHeaderValue Basic(SecureString apiKey, SecureString apiSecret) =>
        new("Basic", BasicParameter(apiKey, apiSecret));

    internal static string BearerParameter(int userId, SecureString token)
    {
        if (token is null)
        {
            throw new ArgumentNullException(nameof(token));
        }

        byte[] prefix = Encoding.UTF8.GetBytes(userId.ToString(CultureInfo.InvariantCulture) + ":");
        return SecureText.WithUtf8(token, prefix, static bytes => Convert.ToBase64String(bytes));
    }

    internal static string BasicParameter(SecureString apiKey, SecureString apiSecret) =>
        SecureText.WithUtf8(apiKey, Array.Empty<byte>(), keyBytes =>
        {
            var prefix = new byte[keyBytes.Length + 1];
            try
            {
                Buffer.BlockCopy(keyBytes, 0, prefix, 0, keyBytes.Length);
                prefix[keyBytes.Length] = (byte)':';
                return SecureText.WithUtf8(apiSecret, prefix, static bytes => Convert.ToBase64String(bytes));
            }
            finally
            {
                Array.Clear(prefix, 0, prefix.Length);
            }
        });
}
