using System;
using System.Security;

namespace PromoOnly.Client;

/// <summary>A token the POOL API just issued, with its lifetime as the server's own clock states it.</summary>
/// <remarks>The generated ToString() names the SecureString's type, never its characters.</remarks>
internal sealed record IssuedToken(int UserId, SecureString Token, TimeSpan Lifetime);
