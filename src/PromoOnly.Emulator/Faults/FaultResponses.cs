using System.Globalization;
using System.Text;
using PromoOnly.Emulator.Catalogue;

namespace PromoOnly.Emulator.Faults;

/// <summary>
/// The literal bytes each fault shape sends. Bodies are written as raw text rather than
/// serialized, because several of them are deliberately not valid (or not expected) JSON.
/// </summary>
internal static class FaultResponses
{
    private const string Json = "application/json; charset=utf-8";
    private const string Html = "text/html; charset=utf-8";

    private const string TooManyRequestsBody = """{"result":"Too many requests."}""";
    private const string UnavailableBody = """{"result":"Service temporarily unavailable."}""";

    // What the shapes that recover (throttletwice, retryafterdate) answer once they do.
    private const string RecoveredBody = """[{"host":"dc03.promoonly.com","id":7}]""";

    /// <param name="requestNumber">This request's number for the track (1, 2, …), for shapes that change over time.</param>
    public static IResult For(FaultShape shape, int trackId, long requestNumber, HttpContext context) => shape switch
    {
        FaultShape.Html => Results.Text(MaintenancePage.Html, Html),
        FaultShape.Object => Results.Text("""{"result":"Daily download limit reached."}""", Json),
        FaultShape.Truncated => Results.Text("""[{"host":"dc03.promoonly.com","id":7},{"host":"ny01.prom""", Json),
        FaultShape.Empty => Results.Bytes([], Json),
        FaultShape.WrongTypes => Results.Text("""[{"host":7,"id":"dc03"}]""", Json),
        FaultShape.BadHost => Results.Text(BadHosts, Json),
        FaultShape.Error500 => InternalServerError(),
        FaultShape.Redirect => Results.Redirect(RedirectTarget(trackId, context)),
        FaultShape.BadGateway => BadGateway(),
        FaultShape.Huge => Results.Bytes(HugeBody.Bytes, Json),
        FaultShape.Hang => HangResult.Instance,
        FaultShape.ThrottleTwice => requestNumber <= 2 ? TooManyRequests(context, 1) : Results.Text(RecoveredBody, Json),
        FaultShape.Always503 => ServiceUnavailable(),
        FaultShape.RetryAfterHuge => TooManyRequests(context, 3600),
        FaultShape.RetryAfterDate => requestNumber == 1 ? UnavailableUntilNextSecond(context) : Results.Text(RecoveredBody, Json),
        FaultShape.EchoSecret => EchoSecret(context),
        FaultShape.Bom => Results.Bytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(DocumentedBody)], Json),
        FaultShape.DuplicateKeys => Results.Text("""[{"host":"evil.example","host":"dc03.promoonly.com","id":7}]""", Json),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unhandled fault shape."),
    };

    /// <summary>The answer for a failure picked by --fault-rate.</summary>
    public static IResult ForInjected(InjectedFault fault, int retryAfterSeconds, HttpContext context) => fault switch
    {
        InjectedFault.TooManyRequests => TooManyRequests(context, retryAfterSeconds),
        InjectedFault.InternalServerError => InternalServerError(),
        InjectedFault.BadGateway => BadGateway(),
        InjectedFault.ServiceUnavailable => ServiceUnavailable(),
        InjectedFault.Disconnect => DisconnectResult.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "Unhandled injected fault."),
    };

    private const string DocumentedBody =
        """[{"host":"dc03.promoonly.com","id":7},{"host":"ny01.promoonly.com","id":8},{"host":"sl02.promoonly.com","id":9}]""";

    // A hostile server quoting the caller's token back, wrapped in escapes that clear and recolour a
    // terminal (\u001b), reverse the text that follows (\u202e) and hide characters (\u200b): valid
    // JSON, whose decoded message a client must clean and mask before showing it.
    private static IResult EchoSecret(HttpContext context)
    {
        Auth.AuthorizationHeader.TryParseBearer(context.Request.Headers.Authorization, out _, out var token);
        var body = $$"""{"result":"[2J[31mToken {{token}} is​ not valid‮.gpj]0;pwned"}""";
        return Results.Text(body, Json, statusCode: 500);
    }

    private static IResult InternalServerError() =>
        Results.Text("""{"result":"Internal server error."}""", Json, statusCode: 500);

    private static IResult BadGateway() =>
        Results.Text("<html><body><h1>502 Bad Gateway</h1></body></html>", Html, statusCode: 502);

    private static IResult ServiceUnavailable() => Results.Text(UnavailableBody, Json, statusCode: 503);

    // Headers can be set here because the result only starts the response after the handler returns.
    private static IResult TooManyRequests(HttpContext context, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Text(TooManyRequestsBody, Json, statusCode: 429);
    }

    // Retry-After's other form, an IMF-fixdate (RFC 1123) on the emulator's clock, unskewed like
    // Kestrel's own Date header, so a client can compare the two.
    private static IResult UnavailableUntilNextSecond(HttpContext context)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        context.Response.Headers.RetryAfter = now.AddSeconds(1).ToString("R", CultureInfo.InvariantCulture);
        return ServiceUnavailable();
    }

    // One good entry first, so a client that validates per entry (rather than rejecting the
    // whole answer) has something legitimate to keep.
    private const string BadHosts =
        """[{"host":"dc03.promoonly.com","id":7},{"host":"http://evil.example/steal","id":66},"""
        + """{"host":"user@evil.example","id":67},{"host":"ny01.promoonly.com/x?y=1","id":68},"""
        + """{"host":"bad host.example","id":69}]""";

    // Same server and port, different host name: lets tests check whether the client forwards
    // its Authorization header across a host change (the request log records what arrived).
    private static string RedirectTarget(int trackId, HttpContext context) =>
        $"http://localhost:{context.Connection.LocalPort}/_emulator/redirect-target/{trackId}";
}
