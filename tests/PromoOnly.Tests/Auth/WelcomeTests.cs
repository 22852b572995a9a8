using PromoOnly.Auth;

namespace PromoOnly.Tests.Auth;

public class WelcomeTests
{
    [Theory]
    [InlineData(false, true, true, false, false, true)]
    [InlineData(true, true, true, false, false, false)]
    [InlineData(false, false, true, false, false, false)]
    [InlineData(false, true, false, false, false, false)]
    [InlineData(false, true, true, true, false, false)]
    [InlineData(false, true, true, false, true, false)]
    public void ShownOnlyToAPersonAtThePromptWhoDidNotOptOut(bool noWelcome, bool typedAtPrompt, bool hostHasUi, bool nonInteractive, bool redirected, bool expected) =>
        Assert.Equal(expected, Welcome.ShouldShow(noWelcome, typedAtPrompt, hostHasUi, nonInteractive, redirected));
}
