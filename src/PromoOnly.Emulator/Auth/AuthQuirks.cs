using System.Globalization;
using PromoOnly.Emulator.Contracts;

namespace PromoOnly.Emulator.Auth;

/// <summary>
/// Ways the live API may treat tokens that the contract leaves open: answering a bad token with
/// HTTP 200 and a <c>result</c> message instead of a 401, and an authenticate endpoint that
/// starts failing (503) after it has issued some tokens, so clients' renewal under an outage
/// can be counted.
/// </summary>
internal sealed class AuthQuirks(bool badTokenAsResult, int? authenticateUnavailableAfter, int authenticateRetryAfterSeconds)
{
    private const string BadTokenMessage = "Invalid user id or access token.";

    private long answered;

    /// <summary>The answer to a request whose Bearer token is missing, unknown or expired.</summary>
    public IResult BadToken() => badTokenAsResult ? Results.Json(new ResultMessage(BadTokenMessage)) : Unauthorized();

    /// <summary>The same refusal as a 401 whatever the quirk: how the queue, the success signal and the media hosts answer.</summary>
    public static IResult Unauthorized() => Results.Json(new ResultMessage(BadTokenMessage), statusCode: 401);

    /// <summary>
    /// Null while authenticate still works; once it has answered <c>--authenticate-unavailable-after</c>
    /// times, a 503 (with Retry-After when configured) for every further request.
    /// </summary>
    public IResult? AuthenticateOutage(HttpContext context)
    {
        if (authenticateUnavailableAfter is not { } after || Interlocked.Increment(ref answered) <= after)
        {
            return null;
        }

        if (authenticateRetryAfterSeconds > 0)
        {
            context.Response.Headers.RetryAfter = authenticateRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        return Results.Json(new ResultMessage("Service temporarily unavailable."), statusCode: 503);
    }
}
