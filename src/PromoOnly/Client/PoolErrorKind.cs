namespace PromoOnly.Client;

/// <summary>What went wrong with a POOL API call, in terms a caller can act on.</summary>
internal enum PoolErrorKind
{
    /// <summary>401: the token or API credentials were rejected.</summary>
    Unauthorized,

    /// <summary>401 for a user-supplied token, which cannot be renewed.</summary>
    TokenExpired,

    /// <summary>403: the account's subscription does not cover the track.</summary>
    NotInSubscription,

    /// <summary>404: the API knows no such track.</summary>
    TrackNotFound,

    /// <summary>A 2xx answer that is not what the contract promises (HTML, an object, truncated JSON…).</summary>
    InvalidResponse,

    /// <summary>408, 429, 500, 502, 503, 504: the service may answer if asked again later.</summary>
    ServiceUnavailable,

    /// <summary>Any other non-2xx status.</summary>
    UnexpectedStatus,

    /// <summary>The API redirected to an address other than the configured one.</summary>
    Redirected,

    /// <summary>The request could not reach the service (DNS, refused, reset).</summary>
    Network,

    /// <summary>No answer within the per-request time limit.</summary>
    Timeout,

    /// <summary>The API listed mirrors for the track, but none answered a probe.</summary>
    NoReachableServer,

    /// <summary>
    /// A 2xx answer that is a <c>{"result": "..."}</c> message where data was expected: the API
    /// declined (an expired token on the live API, or the account's state, such as a daily limit).
    /// </summary>
    Refused,

    /// <summary>The session was disconnected (its secrets wiped) while the command was using it.</summary>
    Disconnected,

    /// <summary>Something failed that is none of the above (an I/O error, a bug); reported, never thrown raw.</summary>
    Unexpected,
    /// <summary>404 for a release: the API knows no such release.</summary>
    ReleaseNotFound,

    /// <summary>A media download failed on every listed mirror (refused, cut, timed out, 5xx).</summary>
    DownloadFailed,

    /// <summary>A media host answered with something that is not the file (HTML, JSON, wrong length).</summary>
    InvalidMediaResponse,

    /// <summary>The file is saved, but the success signal did not reach the API.</summary>
    NotAcknowledged,

    /// <summary>The API listed a media host the module will not send credentials to.</summary>
    InvalidServerHost,

    /// <summary>Writing the file failed locally (disk full, permissions, path).</summary>
    WriteFailed,

    /// <summary>The user-id lookup found no POOL account for the e-mail address.</summary>
    AccountNotFound,

    /// <summary>-RequireHttps, and none of the mirrors tried offers https: nothing went over http.</summary>
    HttpsNotOffered,
}
