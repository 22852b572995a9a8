using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace PromoOnly.Client;

/// <summary>
/// The catalogue calls (contract sections 6 and 7): Bearer GETs and form POSTs whose answers are JSON documents.
/// Status codes map to error kinds as for endpoint 1; what the document must look like is up to
/// the caller (Catalogue/CatalogueAnswers), because each endpoint promises a different shape.
/// </summary>
internal sealed partial class PoolApiClient
{
    /// <param name="subject">What was asked for, as the error message should name it ("release 53719").</param>
    /// <param name="notFound">The kind a 404 means here (a track or a release that does not exist).</param>
    public Task<JToken> GetCatalogueAsync(Uri uri, AuthenticationHeaderValue authorization, string subject, PoolErrorKind notFound, CancellationToken cancellationToken) =>
        SendForDocumentAsync(HttpMethod.Get, uri, authorization, form: null, subject, notFound, cancellationToken);

    /// <summary>
    /// Any documented call whose answer is one JSON document: a Bearer GET, a Bearer POST of a form
    /// (the preference and queue writes), or a POST without Authorization (the user-id lookup).
    /// </summary>
    /// <param name="salvage">For a 2xx body that is not strict JSON: a document it stands for after all, or null.</param>
    public async Task<JToken> SendForDocumentAsync(HttpMethod method, Uri uri, AuthenticationHeaderValue? authorization, FormBody? form, string subject, PoolErrorKind notFound, CancellationToken cancellationToken, Func<string, JToken?>? salvage = null)
    {
        ApiResponse response = await SendAsync(method, uri, authorization, form, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            if (salvage is not null && StrictJson.TryParse(response.Body, out _) is null && salvage(response.Body) is { } salvaged)
            {
                return salvaged;
            }

            return ParseDocument(response.Body, subject);
        }

        string? said = ServerMessage.OfBody(response.Body);
        string quoted = Quote(said);
        int status = response.StatusCode;
        throw status switch
        {
            401 => new PoolApiException(PoolErrorKind.Unauthorized, $"The POOL API rejected the credentials for {subject} (HTTP 401{quoted}).", status, said),
            403 => new PoolApiException(PoolErrorKind.NotInSubscription, $"The account's subscription does not cover {subject} (HTTP 403{quoted}).", status, said),
            404 => new PoolApiException(notFound, $"The POOL API has no {subject} (HTTP 404{quoted}).", status, said),
            _ when IsTransient(status) => new PoolApiException(PoolErrorKind.ServiceUnavailable, $"The POOL API could not answer for {subject} (HTTP {status}{quoted}).", status, said, retryAfter: response.RetryAfter),
            _ => new PoolApiException(PoolErrorKind.UnexpectedStatus, $"The POOL API answered HTTP {status} for {subject}{quoted}.", status, said),
        };
    }

    /// <summary>One complete, strict JSON document, or an InvalidResponse that says why and quotes a capped excerpt.</summary>
    internal static JToken ParseDocument(string body, string subject)
    {
        if (body.Trim().Length == 0)
        {
            throw new PoolApiException(PoolErrorKind.InvalidResponse, $"The POOL API sent an empty answer for {subject}.", 200);
        }

        JToken? document = StrictJson.TryParse(body, out string problem);
        if (document is null)
        {
            string excerpt = ServerText.Excerpt(body);
            throw new PoolApiException(PoolErrorKind.InvalidResponse, $"The POOL API sent an answer for {subject} that is not JSON ({problem}): '{excerpt}'.", 200, excerpt);
        }

        return document;
    }
}
