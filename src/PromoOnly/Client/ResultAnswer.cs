using System;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace PromoOnly.Client;

/// <summary>
/// The answer of a write whose documented answer is <c>{"result":"success"}</c> (queue removal, the
/// re-download request) or undocumented (file naming, API.md "our decisions"): that is success;
/// any other <c>result</c> text is the server refusing, quoted; anything else is not an answer.
/// </summary>
internal static class ResultAnswer
{
    // The documentation's own example for /download/remove is {"result": "success",}: a trailing comma
    // that strict JSON refuses. A server that answers exactly that has said "success".
    private static readonly Regex DocumentedSuccess = new(@"^\s*\{\s*""result""\s*:\s*""success""\s*,\s*\}\s*$", RegexOptions.CultureInvariant);

    /// <exception cref="PoolApiException">Refused (another result text) or InvalidResponse (no result at all).</exception>
    public static void RequireSuccess(JToken document, string subject)
    {
        string? said = document is JObject answer ? StrictJson.StringOf(answer, "result") : null;
        if (string.Equals(said?.Trim(), "success", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string what = Capitalized(subject);
        if (said is not null)
        {
            string quoted = ServerText.Excerpt(said);
            throw new PoolApiException(PoolErrorKind.Refused, $"{what}: the POOL API refused: '{quoted}'.", 200, quoted);
        }

        throw new PoolApiException(PoolErrorKind.InvalidResponse, $"{what}: the POOL API answered with a JSON {document.Type.ToString().ToLowerInvariant()} instead of a result.", 200);
    }

    /// <summary>The stand-in document for a body that strict parsing refused but that is the documented success.</summary>
    public static JToken? SalvageDocumentedSuccess(string body) =>
        DocumentedSuccess.IsMatch(body) ? new JObject { ["result"] = "success" } : null;

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
