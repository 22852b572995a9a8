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

    /// <param name="value">The proxy address with any user-info already removed.</param>
    public static ErrorRecord InvalidProxy(string value) => Create(
        new ArgumentException($"The proxy address '{ServerText.Excerpt(value)}' is not an absolute http or https URI."),
        "InvalidProxy",
        ErrorCategory.InvalidArgument,
        value,
        "Pass the proxy as a URI such as http://proxy.example:8080.");

    /// <param name="redacted">The proxy address without its user-info, which is never repeated.</param>
    public static ErrorRecord ProxyUserInfo(string redacted) => Create(
        new ArgumentException($"The proxy address '{redacted}' was given with a user name or password in it; the module does not take credentials from an address, where they would show wherever the address does."),
        "ProxyUserInfo",
        ErrorCategory.InvalidArgument,
        redacted,
        $"Pass -Proxy {redacted} and the user name and password as -ProxyCredential (Get-Credential).");

    public static ErrorRecord UnencryptedAuthentication(Uri apiBaseUri) => Create(
        new System.Security.SecurityException($"Connect-PromoOnly will not send credentials to {apiBaseUri.AbsoluteUri} without encryption: over plain http, anyone on the network path can read the API secret, password or token."),
        "UnencryptedAuthentication",
        ErrorCategory.SecurityError,
        apiBaseUri,
        "Use the https address of the API. If you must use plain http to another machine (a test server, say), add -AllowUnencryptedAuthentication.");

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

    public static ErrorRecord InvalidDateRange(string problem, object? target) => Create(
        new ArgumentException(problem),
        "InvalidDateRange",
        ErrorCategory.InvalidArgument,
        target,
        "Give -Since a date on or before -Until; releases are listed newest first.");

    public static ErrorRecord InvalidSearch(string problem, object? target) => Create(
        new ArgumentException(problem),
        "InvalidSearch",
        ErrorCategory.InvalidArgument,
        target,
        "Pass at least one of -Artist, -Title, -Mix, -Genre or -Bpm (one value, or a minimum and a maximum), or -Query for free text.");
    /// <summary>The release search or quick search with text that cannot be sent (empty, or "." / "..").</summary>
    public static ErrorRecord InvalidSearchText(string problem, object? target) => Create(
        new ArgumentException(problem),
        "InvalidSearch",
        ErrorCategory.InvalidArgument,
        target,
        "Pass some text to search for; a search of only \".\" or \"..\" cannot be sent.");

    public static ErrorRecord InvalidGenre(string problem, string genre) => Create(
        new ArgumentException(problem),
        "InvalidGenre",
        ErrorCategory.InvalidArgument,
        genre,
        "Pass a genre as the POOL names it, such as 'R&B' or 'Top 40'.");

    public static ErrorRecord InvalidDecade(int decade) => Create(
        new ArgumentException($"{decade} is not the first year of a decade."),
        "InvalidDecade",
        ErrorCategory.InvalidArgument,
        decade,
        $"Pass a decade as its first year, such as {decade - (decade % 10)} (1950, 1960, 1970, …).");

    public static ErrorRecord InvalidFileNaming(string problem, object? target) => Create(
        new ArgumentException(problem),
        "InvalidFileNaming",
        ErrorCategory.InvalidArgument,
        target,
        "Use one of the choices Get-PromoFileNaming lists for that slot (FieldChoices, ModifierChoices), or an empty string for none.");

    public static ErrorRecord InvalidDownloadFolder(string path, string problem) => Create(
        new ArgumentException($"'{path}' cannot hold downloads: {problem}."),
        "InvalidDownloadFolder",
        ErrorCategory.InvalidArgument,
        path,
        "Pass -Path a folder on a file-system drive, for example ~/Music/Pool or C:\\Pool.");

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
            PoolErrorKind.ReleaseNotFound => ("ReleaseNotFound", ErrorCategory.ObjectNotFound,
                "Check the release id; Get-PromoRelease lists the releases the POOL has."),
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
            PoolErrorKind.Refused => ("ApiRefused", ErrorCategory.PermissionDenied,
                "The API declined with the message quoted, which describes the account's state (a limit, say), not a fault: act on it, or try again later."),
            PoolErrorKind.Disconnected => ("SessionDisconnected", ErrorCategory.InvalidOperation,
                "Run Connect-PromoOnly again, then run the command again."),
            PoolErrorKind.Unexpected => ("UnexpectedFailure", ErrorCategory.NotSpecified,
                "Try again; if it repeats, report it to the module's maintainers with this message."),
            PoolErrorKind.DownloadFailed => ("DownloadFailed", ErrorCategory.ConnectionError,
                "Run Save-PromoTrack again later: it continues the .partial file instead of starting over. -Verbose shows what each mirror answered."),
            PoolErrorKind.InvalidMediaResponse => ("InvalidMediaResponse", ErrorCategory.InvalidData,
                "The mirror sent a message instead of the file (often a download limit): read it, then try this track again later. Nothing was saved and no download was reported."),
            PoolErrorKind.NotAcknowledged => ("DownloadNotAcknowledged", ErrorCategory.ResourceUnavailable,
                "The file is complete and verified; only the POOL history may lack it. Nothing needs to be downloaded again: the next Save-PromoTrack into this folder sends an owed signal once."),
            PoolErrorKind.InvalidServerHost => ("InvalidServerHost", ErrorCategory.SecurityError,
                "The track's other mirrors were used; report the listed host to Promo Only if it persists."),
            PoolErrorKind.AccountNotFound => ("UserIdNotFound", ErrorCategory.ObjectNotFound,
                "Check the e-mail address: it must be the one the POOL account was registered with."),
            PoolErrorKind.HttpsNotOffered => ("HttpsNotOffered", ErrorCategory.SecurityError,
                "The mirrors serve this track over plain http only. Run Save-PromoTrack without -RequireHttps to accept that (the credentials then cross the network unencrypted), or try again later."),
            PoolErrorKind.WriteFailed => ("DownloadWriteFailed", ErrorCategory.WriteError,
                "Free space in the folder or fix its permissions, then run Save-PromoTrack again: finished files are kept, unfinished ones continue from their .partial file."),
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
