using System.Globalization;
using System.Text;

namespace PromoOnly.Emulator.Auth;

/// <summary>
/// Both POOL schemes carry base64(utf8("left:right")): Basic holds api_key:api_secret and
/// Bearer holds userid:token. Any malformation simply fails to parse; callers decide how
/// the API reports that (401 for Bearer, an HTTP 200 result message for Basic).
/// </summary>
internal static class AuthorizationHeader
{
    public static bool TryParseBearer(string? header, out int userId, out string token)
    {
        userId = 0;
        return TryDecodePair(header, "Bearer", out var user, out token)
            && int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out userId);
    }

    public static bool TryParseBasic(string? header, out string apiKey, out string apiSecret) =>
        TryDecodePair(header, "Basic", out apiKey, out apiSecret);

    private static bool TryDecodePair(string? header, string scheme, out string left, out string right)
    {
        left = right = string.Empty;
        var prefix = scheme + " ";
        if (header is null || !header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = header.AsSpan(prefix.Length).Trim();
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var length))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        left = decoded[..colon];
        right = decoded[(colon + 1)..];
        return true;
    }
}
