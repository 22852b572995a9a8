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

    public static IResult For(FaultShape shape, int trackId, HttpContext context) => shape switch
    {
        FaultShape.Html => Results.Text(MaintenancePage.Html, Html),
        FaultShape.Object => Results.Text("""{"result":"Daily download limit reached."}""", Json),
        FaultShape.Truncated => Results.Text("""[{"host":"dc03.promoonly.com","id":7},{"host":"ny01.prom""", Json),
        FaultShape.Empty => Results.Bytes([], Json),
        FaultShape.WrongTypes => Results.Text("""[{"host":7,"id":"dc03"}]""", Json),
        FaultShape.BadHost => Results.Text(BadHosts, Json),
        FaultShape.Error500 => Results.Text("""{"result":"Internal server error."}""", Json, statusCode: 500),
        FaultShape.Redirect => Results.Redirect(RedirectTarget(trackId, context)),
        FaultShape.BadGateway => Results.Text("<html><body><h1>502 Bad Gateway</h1></body></html>", Html, statusCode: 502),
        FaultShape.Huge => Results.Bytes(HugeBody.Bytes, Json),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unhandled fault shape."),
    };

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
