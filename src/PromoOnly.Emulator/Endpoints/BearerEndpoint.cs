using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Faults;

namespace PromoOnly.Emulator.Endpoints;

/// <summary>
/// How the endpoints with a Bearer header start. <see cref="Authenticate"/> is the one check of the
/// header. The section 7 endpoints go on through <see cref="Answer"/>: count the call, refuse a bad
/// header as the catalogue does (401, or 200 with a message under --bad-token-as-result), then any
/// --endpoint-fault for the path, and only then the endpoint's own answer for the user. Those with
/// an id in the path use <see cref="AnswerForId"/>, where a fault track with that id answers instead.
/// </summary>
internal static class BearerEndpoint
{
    /// <summary>The account of the request's Bearer header, or null when it is missing, malformed, unknown or expired.</summary>
    public static Account? Authenticate(HttpContext context, TokenStore tokens) =>
        tokens.FindBearer(context.Request.Headers.Authorization);

    public static IResult Answer(HttpContext context, TokenStore tokens, AuthQuirks quirks, EndpointFaults faults, CallCounters counters, PoolCall call, Func<int, IResult> answer)
    {
        counters.Count(call);
        if (Authenticate(context, tokens) is not { } account)
        {
            return quirks.BadToken();
        }

        return faults.Answer(context) ?? answer(account.UserId);
    }

    /// <summary>The same for an endpoint that reads a form first.</summary>
    public static async Task<IResult> AnswerAsync(HttpContext context, TokenStore tokens, AuthQuirks quirks, EndpointFaults faults, CallCounters counters, PoolCall call, Func<int, IFormCollection, IResult> answer)
    {
        counters.Count(call);
        if (Authenticate(context, tokens) is not { } account)
        {
            return quirks.BadToken();
        }

        return faults.Answer(context) ?? answer(account.UserId, await FormFields.ReadAsync(context.Request));
    }

    /// <summary>
    /// For an endpoint with a track or session id in its path: after the header, a fault track
    /// numbered <paramref name="pathId"/> answers with its shape, as <c>/download/server</c> does.
    /// </summary>
    public static IResult AnswerForId(
        HttpContext context, TokenStore tokens, AuthQuirks quirks, FaultTable faultTracks, TrackRequestCounts requestCounts, CallCounters counters, PoolCall call, string pathId, Func<Account, IResult> answer)
    {
        counters.Count(call);
        if (Authenticate(context, tokens) is not { } account)
        {
            return quirks.BadToken();
        }

        if (TrackCatalogue.TryParseId(pathId, out int id) && faultTracks.TryGet(id, out var shape))
        {
            return FaultResponses.For(shape, id, requestCounts.Next(id), context);
        }

        return answer(account);
    }
}
