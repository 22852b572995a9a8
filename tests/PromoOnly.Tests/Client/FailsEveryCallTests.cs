using PromoOnly.Client;

namespace PromoOnly.Tests.Client;

/// <summary>
/// The one rule for which failure ends a whole command (every cmdlet applies it through
/// PromoCmdlet.WriteFailure): a failure of the session, never one of a single input.
/// </summary>
public sealed class FailsEveryCallTests
{
    [Fact]
    public void OnlyRefusedCredentialsAndADisconnectedSessionEndTheCommand()
    {
        PoolErrorKind[] ending = Enum.GetValues(typeof(PoolErrorKind)).Cast<PoolErrorKind>()
            .Where(kind => new PoolApiException(kind, "test").FailsEveryCall)
            .ToArray();

        Assert.Equal(new[] { PoolErrorKind.Unauthorized, PoolErrorKind.TokenExpired, PoolErrorKind.Disconnected }.OrderBy(k => k), ending.OrderBy(k => k));
    }
}
