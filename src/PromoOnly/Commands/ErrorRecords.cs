using System;
using System.Management.Automation;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>
/// One factory per failure kind, so each has a stable FullyQualifiedErrorId, the right category,
/// the input as target object, and advice that says what to do next.
/// </summary>
internal static class ErrorRecords
{
    public static ErrorRecord NotConnected() => Create(
        new InvalidOperationException("There is no PromoOnly session in this process; Connect-PromoOnly opens one."),
        "NotConnected",
        ErrorCategory.InvalidOperation,
        target: null,
        "Run Connect-PromoOnly first, or pass a session from Connect-PromoOnly -PassThru with -Session.");

    public static ErrorRecord InvalidToken(int userId, bool hasWhitespace) => Create(
        new UnauthorizedAccessException(hasWhitespace
            ? $"The POOL API says the token for user {userId} is not valid, and the token given contains a space or line break."
            : $"The POOL API says the token for user {userId} is not valid."),
        "InvalidToken",
        ErrorCategory.AuthenticationError,
        userId,
        $"Check that the token was issued to user {userId} (-UserId) and that it is exactly the 32 characters, with no space or line break pasted along; tokens also expire five minutes after they are issued. Then run Connect-PromoOnly again; the previous session, if any, is still in use.");

    public static ErrorRecord EmptySecret(string what) => Create(
        new ArgumentException($"{Capitalize(what)} is empty."),
        "EmptyCredential",
        ErrorCategory.InvalidArgument,
        target: null,
        "Pass the value, for example from Get-Secret or Read-Host -AsSecureString.");

    public static ErrorRecord EnvironmentIncomplete(string problem) => Create(
        new ArgumentException($"Connect-PromoOnly -FromEnvironment cannot connect: {problem}."),
        "EnvironmentIncomplete",
        ErrorCategory.InvalidArgument,
        target: null,
        "Set PROMOONLY_USER_ID and either PROMOONLY_API_KEY with PROMOONLY_API_SECRET (tokens renew by themselves) or PROMOONLY_TOKEN.");

    public static ErrorRecord CredentialsRequired() => Create(
        new InvalidOperationException("Connect-PromoOnly needs credentials, and this session cannot prompt for them."),
        "CredentialsRequired",
        ErrorCategory.InvalidOperation,
        target: null,
        "Use -UserId with -ApiCredential (API key and secret), -Credential (account e-mail and password), -UserId with -Token, or -FromEnvironment.");

    public static ErrorRecord CredentialParameterMissing(int userId) => Create(
        new ArgumentException($"Connect-PromoOnly -UserId {userId} needs a credential to go with the user id."),
        "CredentialParameterMissing",
        ErrorCategory.InvalidArgument,
        userId,
        "Add -ApiCredential (API key as user name, API secret as password; tokens renew by themselves) or -Token (a token you already have), or connect with -Credential (account e-mail and password) or -FromEnvironment, without -UserId.");

    public static ErrorRecord DisconnectedSession(PromoOnlySession session) => Create(
        new InvalidOperationException($"The session of POOL user {session.UserId} was disconnected."),
        "SessionDisconnected",
        ErrorCategory.InvalidOperation,
        session,
        "Run Connect-PromoOnly again.");

    public static ErrorRecord InvalidApiBaseUri(string value, string problem) => Create(
        new ArgumentException(problem),
        "InvalidApiBaseUri",
        ErrorCategory.InvalidArgument,
        value,
        $"Use an absolute http or https address such as {ApiAddress.DefaultBaseUri}.");

    public static ErrorRecord InvalidProxy(string value) => Create(
        new ArgumentException($"The proxy address '{ServerText.Excerpt(value)}' is not an absolute http or https URI."),
        "InvalidProxy",
        ErrorCategory.InvalidArgument,
        value,
        "Pass the proxy as a URI such as http://proxy.example:8080.");

    public static ErrorRecord ProxyCredentialWithoutProxy() => Create(
        new ArgumentException("-ProxyCredential was given without -Proxy."),
        "ProxyCredentialWithoutProxy",
        ErrorCategory.InvalidArgument,
        target: null,
        "Add -Proxy with the proxy's address, or drop -ProxyCredential to use the system proxy.");

    public static ErrorRecord InvalidHostName(string host) => Create(
        new ArgumentException($"'{ServerText.Excerpt(host)}' is not a plain DNS host name (with an optional :port)."),
        "InvalidHostName",
        ErrorCategory.InvalidArgument,
        host,
        "Pass host names such as dc03.promoonly.com, without a scheme or path, or pipe servers from Get-PromoDownloadServer.");

    public static ErrorRecord InvalidServerHost(long trackId, string host) => Create(
        new PoolApiException(PoolErrorKind.InvalidResponse, $"Track {trackId}: the POOL API listed a server whose host '{ServerText.Excerpt(host)}' is not a plain DNS name; it was left out."),
        "InvalidServerHost",
        ErrorCategory.InvalidData,
        trackId,
        "Use the track's other servers; report the bad entry to Promo Only if it persists.");

    public static ErrorRecord FromApiFailure(PoolApiException failure, object? target)
    {
        (string id, ErrorCategory category, string advice) = failure.Kind switch
        {
            PoolErrorKind.Unauthorized => ("AuthenticationFailed", ErrorCategory.AuthenticationError,
                "The API refused the session's credentials even after renewing the token: check that the account is active and run Connect-PromoOnly again."),
            PoolErrorKind.TokenExpired => ("TokenExpired", ErrorCategory.AuthenticationError,
                "Connect with -ApiCredential (API key and secret) or -Credential (account e-mail and password): those sessions renew their tokens by themselves."),
            PoolErrorKind.NotInSubscription => ("TrackNotInSubscription", ErrorCategory.PermissionDenied,
                "Check the track id; downloads are refused for tracks the subscription does not cover."),
            PoolErrorKind.TrackNotFound => ("TrackNotFound", ErrorCategory.ObjectNotFound,
                "Check the track id; the track may have been withdrawn from the pool."),
            PoolErrorKind.InvalidResponse => ("InvalidApiResponse", ErrorCategory.InvalidData,
                "This is a fault on the service side: try this track again later, and report it to Promo Only if it persists."),
            PoolErrorKind.ServiceUnavailable => ("ApiUnavailable", ErrorCategory.ResourceUnavailable,
                "The service is busy or failing: try this track again in a few minutes."),
            PoolErrorKind.Redirected => ("ApiRedirected", ErrorCategory.SecurityError,
                "If the POOL API really moved, run Connect-PromoOnly with -ApiBaseUri set to the new address."),
            PoolErrorKind.Network => ("ApiUnreachable", ErrorCategory.ConnectionError,
                "Check the network connection, the proxy settings and the session's ApiBaseUri."),
            PoolErrorKind.Timeout => ("ApiTimeout", ErrorCategory.OperationTimeout,
                "The service is slow or unreachable: try again later."),
            PoolErrorKind.NoReachableServer => ("NoReachableServer", ErrorCategory.ResourceUnavailable,
                "Check the network path to the mirrors (Test-PromoDownloadServer -Verbose shows why each failed), then try again with -Force."),
            _ => ("UnexpectedApiStatus", ErrorCategory.InvalidResult,
                "Try again later; report it to Promo Only if it persists."),
        };

        return Create(failure, id, category, target, advice);
    }

    /// <summary>Connect-time failures: a refusal there means the credentials themselves are wrong.</summary>
    public static ErrorRecord FromConnectFailure(PoolApiException failure, object? target) =>
        failure.Kind == PoolErrorKind.Unauthorized
            ? Create(failure, "AuthenticationFailed", ErrorCategory.AuthenticationError, target,
                "Check the credentials (API key and secret, or account e-mail and password) and run Connect-PromoOnly again.")
            : FromApiFailure(failure, target);

    /// <summary>
    /// PowerShell 7's default ConciseView prints RecommendedAction on a line of its own under the
    /// message, so there the message leaves the advice out; every other view (NormalView, Windows
    /// PowerShell) shows only the message, which must then carry it.
    /// </summary>
    public static ErrorRecord ForErrorView(ErrorRecord record, string? errorView)
    {
        if (string.Equals(errorView, "ConciseView", StringComparison.OrdinalIgnoreCase)
            && record.ErrorDetails is { RecommendedAction: { Length: > 0 } advice, Message: { } message }
            && message.EndsWith(" " + advice, StringComparison.Ordinal))
        {
            record.ErrorDetails = new ErrorDetails(message.Substring(0, message.Length - advice.Length - 1)) { RecommendedAction = advice };
        }

        return record;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static ErrorRecord Create(Exception exception, string id, ErrorCategory category, object? target, string advice) =>
        new(exception, id, category, target)
        {
            ErrorDetails = new ErrorDetails($"{exception.Message} {advice}") { RecommendedAction = advice },
        };
}
