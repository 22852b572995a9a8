using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Auth;

/// <summary>A token the user supplied. It lasts five minutes and cannot be renewed.</summary>
internal sealed class StaticTokenCredential : SessionCredential
{
    private readonly AccessToken _token;

    public StaticTokenCredential(int userId, SecureString token, SecretMasker secrets)
        : base(secrets)
    {
        _token = new AccessToken(token, expiresAt: null, lifetime: TimeSpan.Zero);
        secrets.AddToken(userId, token);
    }

    public override AuthenticationMode Mode => AuthenticationMode.Token;

    public override int RenewalCount => 0;

    public override DateTime? TokenExpiresAt => null;

    public override AccessToken? Current => _token;

    public override Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_token);

    public override Task<AccessToken?> RenewAfterRejectionAsync(AccessToken rejected, bool refusedWithMessage, CancellationToken cancellationToken) =>
        Task.FromResult<AccessToken?>(null);

    protected override void WipeSecrets() => _token.Value.Dispose();
}
