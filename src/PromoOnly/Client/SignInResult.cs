using System.Security;

namespace PromoOnly.Client;

/// <summary>What endpoint 4 hands back: long-lived API credentials plus a first token.</summary>
/// <remarks>The generated ToString() names the SecureStrings' type, never their characters.</remarks>
internal sealed record SignInResult(SecureString ApiKey, SecureString ApiSecret, IssuedToken Token);
