using System;

namespace PromoOnly.Client;

/// <summary>The one address credentials may be sent to, and the endpoint URLs under it.</summary>
internal static class ApiAddress
{
    public const string DefaultBaseUri = "https://api.promoonly.com";

    public const string EnvironmentVariable = "PROMOONLY_API_BASE_URI";

    /// <summary>
    /// Accepts only absolute http/https addresses without user-info, query or fragment, and gives the
    /// path exactly one trailing slash so endpoint paths resolve under it (a base like https://host/pool keeps /pool).
    /// </summary>
    public static bool TryNormalize(Uri? candidate, out Uri normalized, out string problem)
    {
        normalized = null!;
        if (candidate is null || !candidate.IsAbsoluteUri)
        {
            problem = "it is not an absolute URI";
            return false;
        }

        if (candidate.Scheme != Uri.UriSchemeHttps && candidate.Scheme != Uri.UriSchemeHttp)
        {
            problem = "only http and https addresses are supported";
            return false;
        }

        if (candidate.UserInfo.Length > 0 || candidate.Query.Length > 0 || candidate.Fragment.Length > 0)
        {
            problem = "it must not contain user information, a query or a fragment";
            return false;
        }

        // Exactly one trailing slash: "https://host/api//" would otherwise send "/api//download/…",
        // a path no server routes to the endpoint.
        var builder = new UriBuilder(candidate);
        builder.Path = builder.Path.TrimEnd('/') + "/";

        normalized = builder.Uri;
        problem = string.Empty;
        return true;
    }

    /// <summary>
    /// The address a session uses: the parameter if given, else the environment variable, else the
    /// live service. On failure, <paramref name="problem"/> says what is wrong and where it came from.
    /// </summary>
    public static bool TryResolve(Uri? parameter, string? environmentValue, out Uri resolved, out string rejectedValue, out string problem)
    {
        string source = "-ApiBaseUri";
        Uri? candidate = parameter;
        rejectedValue = string.Empty;
        if (candidate is null)
        {
            if (environmentValue is null || environmentValue.Trim().Length == 0)
            {
                candidate = new Uri(DefaultBaseUri);
                source = "the default";
            }
            else
            {
                source = $"the {EnvironmentVariable} environment variable";
                if (!Uri.TryCreate(environmentValue.Trim(), UriKind.Absolute, out candidate))
                {
                    resolved = null!;
                    rejectedValue = environmentValue;
                    problem = $"The API address '{ServerText.Excerpt(environmentValue)}' from {source} cannot be used: it is not an absolute URI.";
                    return false;
                }
            }
        }

        if (!TryNormalize(candidate, out resolved, out string why))
        {
            rejectedValue = candidate.OriginalString;
            problem = $"The API address '{ServerText.Excerpt(rejectedValue)}' from {source} cannot be used: {why}.";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    public static Uri DownloadServers(Uri baseUri, long trackId) =>
        new(baseUri, "download/server/" + trackId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static Uri Queue(Uri baseUri, long trackId) =>
        new(baseUri, "download/queue/" + trackId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static Uri DownloadSuccess(Uri baseUri) => new(baseUri, "download/success");

    public static Uri ValidateToken(Uri baseUri) => new(baseUri, "user/token/validate");

    public static Uri Authenticate(Uri baseUri) => new(baseUri, "user/authenticate");

    public static Uri SignIn(Uri baseUri) => new(baseUri, "user/authenticate/signin");

    /// <summary>
    /// True when credentials sent to <paramref name="address"/> would cross a network in clear text:
    /// plain http to anything but this machine (127.0.0.0/8, ::1, localhost).
    /// </summary>
    public static bool IsUnencryptedRemote(Uri address) =>
        address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback;

    /// <summary>The address with any user name and password removed, for messages and display.</summary>
    public static string WithoutUserInfo(Uri address)
    {
        if (!address.IsAbsoluteUri || address.UserInfo.Length == 0)
        {
            return address.IsAbsoluteUri ? address.AbsoluteUri : ServerText.Excerpt(address.OriginalString);
        }

        return new UriBuilder(address) { UserName = string.Empty, Password = string.Empty }.Uri.AbsoluteUri;
    }

    /// <summary>Same scheme, host and port: the only redirect target that may see credentials.</summary>
    public static bool IsSameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
