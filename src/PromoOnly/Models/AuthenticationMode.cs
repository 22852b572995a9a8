namespace PromoOnly;

/// <summary>How a session proves who it is to the POOL API.</summary>
public enum AuthenticationMode
{
    /// <summary>A five-minute access token supplied by the user; it cannot be renewed.</summary>
    Token,

    /// <summary>API key and secret; tokens are renewed automatically.</summary>
    ApiKey,

    /// <summary>Account e-mail and password, exchanged once for API credentials that renew tokens.</summary>
    SignIn,
}
