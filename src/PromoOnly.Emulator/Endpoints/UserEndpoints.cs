using System.Globalization;
using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Contracts;
using PromoOnly.Emulator.Diagnostics;

namespace PromoOnly.Emulator.Endpoints;

/// <summary>
/// The three /user endpoints. Like the real API they report every failure as HTTP 200 with a
/// {"result": ...} or {"token":"invalid"} body, which is exactly what clients tend to mishandle.
/// </summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/user/authenticate", AuthenticateAsync);
        app.MapPost("/user/token/validate", ValidateAsync);
        app.MapPost("/user/authenticate/signin", SigninAsync);
    }

    // Basic api_key:api_secret plus form userid, which must be the key's own user.
    private static async Task<IResult> AuthenticateAsync(
        HttpRequest request, TokenStore tokens, ServerClock clock, AuthQuirks quirks, CallCounters counters)
    {
        counters.Count(PoolCall.Authenticate);
        if (quirks.AuthenticateOutage(request.HttpContext) is { } outage)
        {
            return outage;
        }

        var form = await FormFields.ReadAsync(request);
        if (!AuthorizationHeader.TryParseBasic(request.Headers.Authorization, out var apiKey, out var apiSecret)
            || Accounts.FindByApiKey(apiKey) is not { } account
            || !string.Equals(account.ApiSecret, apiSecret, StringComparison.Ordinal)
            || form["userid"] != account.UserId.ToString(CultureInfo.InvariantCulture))
        {
            return Results.Json(new ResultMessage("Invalid API credentials."));
        }

        var token = tokens.Issue(account.UserId);
        var now = clock.UnixNow();
        return Results.Json(new AuthenticateResponse(
            AuthenticateResponse.SuccessCode, now + TtlSeconds(tokens), now, token, account.UserId));
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, TokenStore tokens, CallCounters counters)
    {
        counters.Count(PoolCall.Validate);
        var form = await FormFields.ReadAsync(request);
        var valid = int.TryParse(form["userid"], NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            && tokens.FindAccount(userId, form["token"].ToString()) is not null;
        return Results.Json(valid ? TokenValidity.Valid : TokenValidity.Invalid);
    }

    private static async Task<IResult> SigninAsync(
        HttpRequest request, TokenStore tokens, ServerClock clock, CallCounters counters)
    {
        counters.Count(PoolCall.Signin);
        var form = await FormFields.ReadAsync(request);
        var email = form["email"].ToString();
        var password = form["password"].ToString();

        if (string.Equals(email, Accounts.UnfinishedSetupEmail, StringComparison.OrdinalIgnoreCase)
            && string.Equals(password, Accounts.UnfinishedSetupPassword, StringComparison.Ordinal))
        {
            return Results.Json(new ResultMessage("Invalid account setup."));
        }

        if (Accounts.FindByEmail(email) is not { } account
            || !string.Equals(account.Password, password, StringComparison.Ordinal))
        {
            return Results.Json(new ResultMessage("Invalid email and password combination."));
        }

        var token = tokens.Issue(account.UserId);
        var now = clock.UnixNow();
        return Results.Json(new SigninResponse(
            "Authenticated", account.ApiKey, account.ApiSecret, account.UserId, token, now + TtlSeconds(tokens), now));
    }

    private static long TtlSeconds(TokenStore tokens) => (long)tokens.Ttl.TotalSeconds;
}
