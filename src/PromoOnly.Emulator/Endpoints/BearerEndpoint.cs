using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Faults;

namespace PromoOnly.Emulator.Endpoints;

/// <summary>
/// How every section 7 endpoint with a Bearer header starts: count the call, check the header
/// (refused as the catalogue refuses it: 401, or 200 with a message under --bad-token-as-result),
/// then any --endpoint-fault for the path, and only then the endpoint's own answer for the user.
/// </summary>
internal static class BearerEndpoint
{
    public static IResult Answer(HttpContext context, TokenStore tokens, AuthQuirks quirks, EndpointFaults faults, CallCounters counters, PoolCall call, Func<int, IResult> answer)
    {
        counters.Count(call);
        if (CatalogueEndpoints.Authenticate(context, tokens) is not { } user)
        {
            return quirks.BadToken();
        }

        return faults.Answer(context) ?? answer(user);
    }

    /// <summary>The same for an endpoint that reads a form first.</summary>
    public static async Task<IResult> AnswerAsync(HttpContext context, TokenStore tokens, AuthQuirks quirks, EndpointFaults faults, CallCounters counters, PoolCall call, Func<int, IFormCollection, IResult> answer)
    {
        counters.Count(call);
        if (CatalogueEndpoints.Authenticate(context, tokens) is not { } user)
        {
            return quirks.BadToken();
        }

        return faults.Answer(context) ?? answer(user, await FormFields.ReadAsync(context.Request));
    }
}
