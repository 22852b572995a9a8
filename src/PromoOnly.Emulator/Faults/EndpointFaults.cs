using System.Collections.Concurrent;

namespace PromoOnly.Emulator.Faults;

/// <summary>
/// Endpoints that answer with a fault shape instead of their data (--endpoint-fault), for the
/// section 7 endpoints that take no track id a fault track could pick: a path prefix
/// ("/user/charts", "/specialty") maps to a shape. Applied after authentication, like fault
/// tracks; shapes that change over time (throttletwice) count requests per prefix.
/// </summary>
internal sealed class EndpointFaults
{
    private readonly IReadOnlyDictionary<string, FaultShape> shapes;
    private readonly ConcurrentDictionary<string, long> requests = new(StringComparer.OrdinalIgnoreCase);

    public EndpointFaults(IEnumerable<KeyValuePair<string, FaultShape>> shapes) =>
        this.shapes = shapes.ToDictionary(p => Normalize(p.Key), p => p.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The fault answer for this request's path, or null when its endpoint behaves.</summary>
    public IResult? Answer(HttpContext context)
    {
        string path = context.Request.Path.Value ?? string.Empty;
        foreach ((string prefix, FaultShape shape) in shapes)
        {
            if (path.Equals(prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase))
            {
                long number = requests.AddOrUpdate(prefix, 1, (_, n) => n + 1);
                return FaultResponses.For(shape, 0, number, context);
            }
        }

        return null;
    }

    public void ResetCounts() => requests.Clear();

    /// <summary>"/user/charts", with one leading slash and none at the end.</summary>
    public static string Normalize(string path) => "/" + path.Trim().Trim('/');
}
