using System;
using System.Security;
using System.Text;
using PromoOnly.Client;

namespace PromoOnly.Auth;

/// <summary>
/// Builds the endpoint-1 header value, base64(utf8("{userid}:{token}")), straight from a
/// <see cref="SecureString"/>. The plain token only ever exists in buffers that are wiped here;
/// the one string that must exist is the header value HttpClient sends.
/// </summary>
internal static class BearerAuthorization
{
    public const string Scheme = "Bearer";

    public static string EncodeParameter(int userId, SecureString token)
    {
        if (token is null)
        {
            throw new ArgumentNullException(nameof(token));
        }

        byte[] prefix = Encoding.UTF8.GetBytes(userId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":");
        return SecureText.WithUtf8(token, prefix, static bytes => Convert.ToBase64String(bytes));
    }
}
