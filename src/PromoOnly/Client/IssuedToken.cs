using System;
using System.Security;

namespace PromoOnly.Client;

/// <summary>A token the POOL API just issued, with its lifetime as the server's own clock states it.</summary>
internal sealed class IssuedToken
{
    public IssuedToken(int userId, SecureString token, TimeSpan lifetime)
    {
        UserId = userId;
        Token = token;
        Lifetime = lifetime;
    }

    public int UserId { get; }

    public SecureString Token { get; }

    public TimeSpan Lifetime { get; }
}
