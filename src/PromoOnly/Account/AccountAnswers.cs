using System;
using Newtonsoft.Json.Linq;
using PromoOnly.Catalogue;
using PromoOnly.Client;
using static PromoOnly.Catalogue.LenientJson;

namespace PromoOnly.Account;

/// <summary>The answers of the queue and account endpoints of contract section 7.</summary>
internal static class AccountAnswers
{
    /// <summary>
    /// <c>{"result":"success","tracks_requeued":2}</c>. Another result text is a refusal; a count that
    /// cannot be read is an InvalidResponse, since the user would not know what was requeued.
    /// </summary>
    public static int TracksRequeued(JToken document, string subject)
    {
        ResultAnswer.RequireSuccess(document, subject);
        return Long((JObject)document, "tracks_requeued") is { } count && count >= 0 && count <= int.MaxValue
            ? (int)count
            : throw CatalogueAnswers.Invalid(subject, "the POOL API confirmed the request without saying how many tracks it requeued", null);
    }

    /// <summary><c>{"userid":1,"distribution":"Releases synced for userid: 1"}</c> (or "Invalid user."): the distribution text.</summary>
    public static string Distribution(JToken document, string subject) =>
        document is JObject answer && Find(answer, "distribution") is { Type: JTokenType.String } said
            ? ServerText.Excerpt((string?)said)
            : throw CatalogueAnswers.Mismatch(document, subject, "a distribution sync result");

    /// <summary>
    /// <c>{"pool_userid":1}</c>, or the same field holding the reason as text
    /// (<c>"Invalid email address. POOL Account not found."</c>): that is not found, quoted.
    /// </summary>
    public static int PoolUserId(JToken document, string subject)
    {
        if (document is JObject answer && Find(answer, "pool_userid") is { } value)
        {
            if (value.Type is JTokenType.Integer or JTokenType.Float || (value.Type == JTokenType.String && ToLong(value) is not null))
            {
                return ToLong(value) is { } id && id > 0 && id <= int.MaxValue
                    ? (int)id
                    : throw CatalogueAnswers.Invalid(subject, $"the POOL API answered with the user id {value}, which is not a POOL account id", null);
            }

            if (value.Type == JTokenType.String)
            {
                string said = ServerText.Excerpt((string?)value);
                throw new PoolApiException(PoolErrorKind.AccountNotFound, $"{Capitalized(subject)}: the POOL API found no account: '{said}'.", 200, said);
            }
        }

        throw CatalogueAnswers.Mismatch(document, subject, "a POOL user id");
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
}
