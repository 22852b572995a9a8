using System.Globalization;
using PromoOnly.Emulator.Auth;
using PromoOnly.Emulator.Catalogue;
using PromoOnly.Emulator.Contracts;
using PromoOnly.Emulator.Diagnostics;
using PromoOnly.Emulator.Faults;

namespace PromoOnly.Emulator.Endpoints;

/// <summary>
/// Contract section 7, preferences: charts, release formats and the format filter, all options at
/// once, and the file naming. Writes change <see cref="AccountState"/> for the life of the process;
/// a write the API declines is HTTP 200 with a <c>result</c> message.
/// </summary>
internal static class PreferenceEndpoints
{
    public static void MapPreferenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/user/charts", Charts);
        app.MapGet("/user/formats", Formats);
        app.MapPost("/user/save/format_filters", SaveFormatFiltersAsync);
        app.MapGet("/user/options", Options);
        app.MapGet("/user/filenaming", FileNaming);
        app.MapPost("/user/save/filenaming", SaveFileNamingAsync);
    }

    /// <summary>The catalogue's charts, newest first; user 2 hides the oldest one (show 0).</summary>
    public static object[] ChartsOf(int user, ReleaseCatalogue catalogue)
    {
        var charts = catalogue.Releases.Where(r => r.Type == "Chart").ToArray();
        return charts.Select((c, i) => (object)BrowseJson.Chart(c, shown: !(user == 2 && i == charts.Length - 1))).ToArray();
    }

    private static IResult Charts(HttpContext context, TokenStore tokens, AuthQuirks quirks, ReleaseCatalogue catalogue, CallCounters counters, EndpointFaults faults) =>
        BearerEndpoint.Answer(context, tokens, quirks, faults, counters, PoolCall.Charts, user => Results.Json(ChartsOf(user, catalogue)));

    private static IResult Formats(HttpContext context, TokenStore tokens, AuthQuirks quirks, CallCounters counters, EndpointFaults faults) =>
        BearerEndpoint.Answer(context, tokens, quirks, faults, counters, PoolCall.ReleaseFormats, _ => Results.Json(ReleaseFormats.Json()));

    /// <summary>hide_formats: a comma list of known format ids, or empty to show every format.</summary>
    private static Task<IResult> SaveFormatFiltersAsync(HttpContext context, TokenStore tokens, AuthQuirks quirks, CallCounters counters, EndpointFaults faults, AccountState state) =>
        BearerEndpoint.AnswerAsync(context, tokens, quirks, faults, counters, PoolCall.FormatFilters, (user, form) =>
        {
            if (!form.ContainsKey("hide_formats"))
            {
                return Results.Json(new ResultMessage("hide_formats is required."));
            }

            var ids = new List<int>();
            foreach (string part in form["hide_formats"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || !ReleaseFormats.Exists(id))
                {
                    return Results.Json(new ResultMessage($"Unknown release format id '{part}'."));
                }

                ids.Add(id);
            }

            state.SetHiddenFormats(user, ids);
            return Results.Json(new { hide_formats = HiddenText(state, user) });
        });

    /// <summary>The documented groups, plus hide_formats: a field the module does not type, kept as it comes.</summary>
    private static IResult Options(HttpContext context, TokenStore tokens, AuthQuirks quirks, ReleaseCatalogue catalogue, CallCounters counters, EndpointFaults faults, AccountState state) =>
        BearerEndpoint.Answer(context, tokens, quirks, faults, counters, PoolCall.Options, user => Results.Json(new Dictionary<string, object?>
        {
            ["chart_filters"] = ChartsOf(user, catalogue),
            ["download_formats"] = FileFormats.For(user),
            ["filenaming"] = state.Naming(user).Json(),
            ["hide_formats"] = HiddenText(state, user),
        }));

    private static IResult FileNaming(HttpContext context, TokenStore tokens, AuthQuirks quirks, CallCounters counters, EndpointFaults faults, AccountState state) =>
        BearerEndpoint.Answer(context, tokens, quirks, faults, counters, PoolCall.FileNaming, user => Results.Json(state.Naming(user).Json()));

    /// <summary>All fifteen fields, each in range for its slot; the answer (undocumented) is {"result":"success"}.</summary>
    private static Task<IResult> SaveFileNamingAsync(HttpContext context, TokenStore tokens, AuthQuirks quirks, CallCounters counters, EndpointFaults faults, AccountState state) =>
        BearerEndpoint.AnswerAsync(context, tokens, quirks, faults, counters, PoolCall.FileNamingSaves, (user, form) =>
        {
            if (FileNamingState.FromForm(form, out string problem) is not { } naming)
            {
                return Results.Json(new ResultMessage($"Invalid file naming: {problem}."));
            }

            state.SetNaming(user, naming);
            return Results.Json(new ResultMessage("success"));
        });

    private static string HiddenText(AccountState state, int user) =>
        string.Join(',', state.HiddenFormats(user).Select(id => id.ToString(CultureInfo.InvariantCulture)));
}
