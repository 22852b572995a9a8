using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace PromoOnly.Client;

/// <summary>The token endpoints (2, 3 and 4 of the contract). None of them takes a Bearer header.</summary>
internal sealed partial class PoolApiClient
{
    /// <summary>A token is 32 hex characters; anything past this is not a token, however it is spelled.</summary>
    public const int MaxTokenLength = 4096;

    /// <summary>The value of a "token", "api_secret" or "api_key" member, closed or cut short, as it stands in a body.</summary>
    private static readonly Regex IssuedCredential = new(@"(""(?:token|api_secret|api_key)""\s*:\s*"")(?:[^""\\]|\\.)*""?", RegexOptions.CultureInvariant);

    // Unix seconds up to the year 9999: wider than any real clock, narrow enough that differences cannot overflow.
    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>
    /// A client for work the session owns (token renewal): same address, transport, proxy and
    /// User-Agent and clock, its own time limit and log, so it outlives the command that created this one.
    /// </summary>
    public PoolApiClient ForSessionWork(TimeSpan timeout, IPoolLog log) => new(_http, _baseUri, _userAgent, timeout, log, Proxy, _clock);

    /// <summary>Endpoint 2: <c>POST /user/authenticate</c> with Basic key:secret and form <c>userid</c>.</summary>
    public async Task<IssuedToken> AuthenticateAsync(int userId, SecureString apiKey, SecureString apiSecret, CancellationToken cancellationToken)
    {
        AuthenticationHeaderValue basic = AuthorizationHeaders.Basic(apiKey, apiSecret);
        using var form = new FormBody().Add("userid", userId.ToString(CultureInfo.InvariantCulture));
        ApiResponse response = await SendAsync(HttpMethod.Post, ApiAddress.Authenticate(_baseUri), basic, form, cancellationToken).ConfigureAwait(false);
        JObject answer = ExpectObject(response, "the API key authentication", $"user {userId}");
        if (answer["token"] is not JValue { Type: JTokenType.String })
        {
            throw Rejected(answer, $"The POOL API refused the API key and secret for user {userId}");
        }

        return ReadIssuedToken(answer, "expires", userId);
    }

    /// <summary>Endpoint 4: <c>POST /user/authenticate/signin</c> with form <c>email</c> and <c>password</c>.</summary>
    public async Task<SignInResult> SignInAsync(string email, SecureString password, CancellationToken cancellationToken)
    {
        using var form = new FormBody().Add("email", email).AddSecret("password", password);
        ApiResponse response = await SendAsync(HttpMethod.Post, ApiAddress.SignIn(_baseUri), authorization: null, form, cancellationToken).ConfigureAwait(false);
        JObject answer = ExpectObject(response, "the sign-in", email);
        if (!string.Equals(StrictJson.StringOf(answer, "result"), "Authenticated", StringComparison.Ordinal))
        {
            throw Rejected(answer, $"The POOL API refused the sign-in for '{ServerText.Excerpt(email)}'");
        }

        if (WholeNumber(answer["userid"]) is not { } id || StrictJson.StringOf(answer, "api_key") is not { Length: > 0 } key || StrictJson.StringOf(answer, "api_secret") is not { Length: > 0 } secret)
        {
            throw new PoolApiException(PoolErrorKind.InvalidResponse, "The POOL API's sign-in answer lacks the user id, API key or API secret.", response.StatusCode);
        }

        int userId = ToInt(id);
        return new SignInResult(SecureText.FromPlainText(key), SecureText.FromPlainText(secret), ReadIssuedToken(answer, "expiration", userId));
    }

    /// <summary>Endpoint 3: <c>POST /user/token/validate</c>, form <c>userid</c> and <c>token</c>.</summary>
    public async Task<bool> ValidateTokenAsync(int userId, SecureString token, CancellationToken cancellationToken)
    {
        using var form = new FormBody()
            .Add("userid", userId.ToString(CultureInfo.InvariantCulture))
            .AddSecret("token", token);
        ApiResponse response = await SendAsync(HttpMethod.Post, ApiAddress.ValidateToken(_baseUri), authorization: null, form, cancellationToken).ConfigureAwait(false);
        JObject answer = ExpectObject(response, "the token validation", $"user {userId}");
        return StrictJson.StringOf(answer, "token") switch
        {
            "valid" => true,
            "invalid" => false,
            _ => throw new PoolApiException(
                PoolErrorKind.InvalidResponse,
                $"The POOL API answered the token validation with something other than {{\"token\": \"valid\"|\"invalid\"}}: '{ServerText.Excerpt(response.Body)}'.",
                response.StatusCode),
        };
    }

    private JObject ExpectObject(ApiResponse response, string what, string who)
    {
        JObject? answer = StrictJson.TryParseObject(response.Body);

        // A broken answer of these endpoints may still carry what they issue, which no masker knows yet.
        string quotable = IssuedCredential.Replace(response.Body, "$1[secret]\"");
        if (response.StatusCode == 401 || response.StatusCode == 403)
        {
            string? said = answer is null ? ServerMessage.OfBody(quotable) : ServerMessage.Of(answer);
            throw new PoolApiException(PoolErrorKind.Unauthorized, $"The POOL API refused {what} for {who} (HTTP {response.StatusCode}{Quote(said)}).", response.StatusCode, said);
        }

        if (!response.IsSuccess)
        {
            string? said = ServerMessage.OfBody(quotable);
            PoolErrorKind kind = IsTransient(response.StatusCode) ? PoolErrorKind.ServiceUnavailable : PoolErrorKind.UnexpectedStatus;
            throw new PoolApiException(kind, $"The POOL API could not complete {what} for {who} (HTTP {response.StatusCode}{Quote(said)}).{AddressHint(response.StatusCode)}", response.StatusCode, said, retryAfter: response.RetryAfter);
        }

        return answer ?? throw new PoolApiException(
            PoolErrorKind.InvalidResponse,
            $"The POOL API answered {what} with something that is not a JSON object: '{ServerText.Excerpt(quotable)}'.",
            response.StatusCode);
    }

    private static IssuedToken ReadIssuedToken(JObject answer, string expiryName, int userId)
    {
        if (StrictJson.StringOf(answer, "token") is not { Length: > 0 } token)
        {
            throw new PoolApiException(PoolErrorKind.InvalidResponse, "The POOL API's token answer lacks the token.");
        }

        if (token.Length > MaxTokenLength)
        {
            throw new PoolApiException(PoolErrorKind.InvalidResponse, $"The POOL API's token answer holds a token of {token.Length} characters, more than the {MaxTokenLength} any token may have.");
        }

        if (!TryUnixSeconds(answer[expiryName], out long expires) || !TryUnixSeconds(answer["server_time"], out long serverTime))
        {
            throw new PoolApiException(PoolErrorKind.InvalidResponse, $"The POOL API's token answer lacks {expiryName} or server_time as whole Unix seconds.");
        }

        // The contract: lifetime is expires - server_time, both on the server's clock; the local clock may be wrong.
        long seconds = expires - serverTime;
        if (seconds <= 0 || seconds > TimeSpan.FromDays(1).TotalSeconds)
        {
            throw new PoolApiException(PoolErrorKind.InvalidResponse, $"The POOL API issued a token with an implausible lifetime of {seconds} seconds.");
        }

        return new IssuedToken(userId, SecureText.FromPlainText(token), TimeSpan.FromSeconds(seconds));
    }

    // 1e30, a 30-digit integer or a negative time is a malformed answer, never an overflow.
    private static bool TryUnixSeconds(JToken? value, out long seconds)
    {
        seconds = WholeNumber(value) ?? -1;
        return seconds is >= 0 and <= MaxUnixSeconds;
    }

    /// <summary>
    /// A JSON integer, or its digits as text: API.md says numbers may arrive as strings. Anything else
    /// (a float, a sign or spaces in text, more digits than a long holds) is null.
    /// </summary>
    private static long? WholeNumber(JToken? value) => value switch
    {
        JValue { Type: JTokenType.Integer, Value: long l } => l,
        JValue { Type: JTokenType.String } text when (string?)text is { Length: > 0 and <= 18 } digits
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed) => parsed,
        _ => null,
    };

    private static PoolApiException Rejected(JObject answer, string what)
    {
        string? said = ServerMessage.Of(answer);
        return new PoolApiException(PoolErrorKind.Unauthorized, $"{what}{Quote(said)}.", 200, said);
    }

    private static int ToInt(long value) =>
        value >= 1 && value <= int.MaxValue
            ? (int)value
            : throw new PoolApiException(PoolErrorKind.InvalidResponse, "The POOL API's answer has a user id outside the supported range.");

    /// <summary>": 'server text'" for an error message, or nothing when the server said nothing.</summary>
    private static string Quote(string? said) => said is null ? string.Empty : $": '{said}'";
}
