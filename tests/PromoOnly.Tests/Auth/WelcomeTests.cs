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

    [Theory]
    [InlineData(true, "pwsh", "-NonInteractive", "-File", "sync.ps1")]
    [InlineData(true, "pwsh", "-noni", "-c", "x")]
    [InlineData(true, "pwsh", "--NonInteractive")]
    [InlineData(true, "pwsh.exe", "/NonInteractive")]
    [InlineData(true, "pwsh", "-NONINTER")]
    [InlineData(false, "pwsh", "-NoProfile", "-NoLogo")]
    [InlineData(false, "pwsh", "-no")]
    [InlineData(false, "pwsh", "-Command", "noninteractive")]
    public void KnowsEverySpellingOfNonInteractive(bool expected, params string[] commandLine) =>
        Assert.Equal(expected, Welcome.IsNonInteractive(commandLine));
}
