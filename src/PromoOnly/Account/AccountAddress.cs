using System;
using System.Globalization;

namespace PromoOnly.Account;

/// <summary>The queue, history and account URLs of contract section 7, under an API address.</summary>
internal static class AccountAddress
{
    public static Uri RemoveFromQueue(Uri baseUri, long trackId) =>
        new(baseUri, "download/remove/" + trackId.ToString(CultureInfo.InvariantCulture));

    public static Uri RedownloadRequest(Uri baseUri) => new(baseUri, "download/redownload_request");

    public static Uri Sync(Uri baseUri) => new(baseUri, "user/sync");

    public static Uri PoolUserId(Uri baseUri) => new(baseUri, "account/pool_userid");
}
