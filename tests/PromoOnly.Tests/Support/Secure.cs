using System.Security;
using PromoOnly.Client;

namespace PromoOnly.Tests.Support;

internal static class Secure
{
    public static SecureString From(string text) => SecureText.FromPlainText(text);
}
