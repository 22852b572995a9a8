using System;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Threading.Tasks;
using PromoOnly.Account;
using PromoOnly.Auth;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>Connect-PromoOnly: opens the session that the other cmdlets use, from whichever credentials the user holds.</summary>
[Cmdlet(VerbsCommunications.Connect, "PromoOnly", DefaultParameterSetName = InteractiveSet, HelpUri = HelpLinks.Connecting)]
[OutputType(typeof(PromoOnlySession))]
public sealed partial class ConnectPromoOnlyCommand : PromoCmdlet
{
    private const string TokenSet = "Token";
    private const string ApiKeySet = "ApiKey";
    private const string SignInSet = "SignIn";
    private const string EnvironmentSet = "Environment";
    private const string InteractiveSet = "Interactive";

    // Optional in the interactive set only so that -UserId alone binds, and gets a message naming
    // the credential parameters that go with it instead of "Parameter set cannot be resolved".
    [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
    [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = InteractiveSet)]
    [ValidateRange(1, int.MaxValue)]
    public int UserId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
    [ValidateNotNull]
    public SecureString Token { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
    [ValidateNotNull]
    [Credential]
    public PSCredential ApiCredential { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = SignInSet)]
    [ValidateNotNull]
    [Credential]
    public PSCredential Credential { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet)]
    public SwitchParameter FromEnvironment { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Uri? ApiBaseUri { get; set; }

    /// <summary>An HTTP proxy for every call of this session; without it the system or environment proxy applies.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    [Parameter]
    [ValidateNotNull]
    [Credential]
    public PSCredential? ProxyCredential { get; set; }

    [Parameter(ParameterSetName = TokenSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    public SwitchParameter SkipValidation { get; set; }

    /// <summary>
    /// Media hosts trusted with the credentials beyond the default rule (hosts under promoonly.com
    /// for the live API, loopback hosts for an API on loopback): names, or *.domain.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateMediaHostPattern]
    public string[]? TrustedMediaHost { get; set; }

    /// <summary>Allows an http:// API address on another machine, so credentials cross the network unencrypted.</summary>
    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    [Parameter]
    public SwitchParameter DoNotSetDefault { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>No "Connected to …" line at the prompt.</summary>
    [Parameter]
    public SwitchParameter NoWelcome { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InteractiveSet && MyInvocation.BoundParameters.ContainsKey(nameof(UserId)))
        {
            ThrowTerminatingError(ErrorRecords.CredentialParameterMissing(UserId));
        }

        PoolApiClient client = CreateClient(ResolveBaseUri(), ResolveHttpClient(), Proxy);
        RefuseClearTextCredentials(client.BaseUri);
        PromoOnlySession session = ParameterSetName switch
        {
            TokenSet => OpenWithToken(client, UserId, CopyOf(Token, "-Token")),
            ApiKeySet => OpenWithApiKey(client, UserId, ApiCredential),
            SignInSet => OpenWithSignIn(client, Credential),
            EnvironmentSet => OpenFromEnvironment(client),
            _ => OpenWithSignIn(client, PromptForSignIn()),
        };

        if (TrustedMediaHost is { Length: > 0 } trusted)
        {
            session.TrustedMediaHosts = Array.AsReadOnly((string[])trusted.Clone());
        }

        // The documentation recommends a distribution sync on first sign-in. It runs beside the rest
        // of Connect, on the session's own client and time limit, so the welcome and the session
        // never wait for it; -SkipValidation promises a Connect that sends nothing, so it has none.
        Task<string>? sync = SkipValidation ? null : DistributionSync.RunAsync(session, client.ForSessionWork(DistributionSync.Timeout, SilentLog.Instance));

        if (DoNotSetDefault)
        {
            WriteVerbose($"Connected as POOL user {session.UserId} to {session.ApiBaseUri} ({session.AuthenticationMode}); the default session is unchanged.");
        }
        else
        {
            SessionStore.Set(session);
            WriteVerbose($"Connected as POOL user {session.UserId} to {session.ApiBaseUri} ({session.AuthenticationMode}).");
        }

        if (ShouldWelcome())
        {
            // Write-Host's channel: shown at the prompt, never part of the output.
            WriteInformation(new HostInformationMessage { Message = Welcome.Line(session, !DoNotSetDefault) }, new[] { "PSHOST" });
        }

        if (PassThru || DoNotSetDefault)
        {
            WriteObject(session);
        }

        ReportSync(sync);
    }

    /// <summary>
    /// The sync's outcome is a Verbose line, never an error: it takes nothing from the session. After
    /// the welcome and the session are written, Connect waits for it at most
    /// <see cref="DistributionSync.ConnectWait"/> (one round trip, normally), so a script's next call
    /// finds the distribution synced; a slower sync finishes on its own. Ctrl+C ends the wait.
    /// </summary>
    private void ReportSync(Task<string>? sync)
    {
        if (sync is null)
        {
            return;
        }

        Task done = Await(Task.WhenAny(sync, Task.Delay(DistributionSync.ConnectWait, CancelToken)));
        WriteVerbose(done == sync
            ? sync.Result
            : $"The POOL distribution sync (GET /user/sync) is still running after {DistributionSync.ConnectWait.TotalSeconds:0} s; Connect goes on without waiting for it.");
    }

    private PromoOnlySession OpenWithToken(PoolApiClient client, int userId, SecureString token)
    {
        if (SkipValidation)
        {
            WriteVerbose($"Skipping token validation for user {userId}.");
        }

        PromoOnlySession? session = Run(SessionOpener.WithTokenAsync(client, userId, token, !SkipValidation, CancelToken), userId);
        if (session is null)
        {
            bool hasWhitespace = SecureText.HasWhitespace(token);
            token.Dispose();
            ThrowTerminatingError(ErrorRecords.InvalidToken(userId, hasWhitespace));
        }

        return session!;
    }

    private PromoOnlySession OpenWithApiKey(PoolApiClient client, int userId, PSCredential apiCredential)
    {
        SecureString key = SecureText.FromPlainText(apiCredential.UserName);
        SecureString secret = CopyOf(apiCredential.Password, "the API secret");
        return Run(SessionOpener.WithApiKeyAsync(client, userId, key, secret, MonotonicClock.System, CancelToken), userId);
    }

    private PromoOnlySession OpenWithSignIn(PoolApiClient client, PSCredential credential)
    {
        if (string.IsNullOrWhiteSpace(credential.UserName))
        {
            ThrowTerminatingError(ErrorRecords.EmptySecret("the account e-mail"));
        }

        string email = credential.UserName.Trim();
        return Run(SessionOpener.WithSignInAsync(client, email, credential.Password, MonotonicClock.System, CancelToken), email);
    }

    private PromoOnlySession OpenFromEnvironment(PoolApiClient client)
    {
        EnvironmentCredentials? fromEnvironment = EnvironmentCredentials.TryRead(Environment.GetEnvironmentVariable, out string problem);
        if (fromEnvironment is null)
        {
            ThrowTerminatingError(ErrorRecords.EnvironmentIncomplete(problem));
        }

        EnvironmentCredentials found = fromEnvironment!;
        return found.ApiKey is not null
            ? Run(SessionOpener.WithApiKeyAsync(client, found.UserId, found.ApiKey, found.ApiSecret!, MonotonicClock.System, CancelToken), found.UserId)
            : OpenWithToken(client, found.UserId, found.Token!);
    }

    private PSCredential PromptForSignIn()
    {
        // Asking the host is the only reliable test: -NonInteractive (any spelling), hosted runspaces
        // and hosts without a UI all refuse the prompt, each in its own way.
        PSCredential? credential = null;
        try
        {
            credential = Host?.UI?.PromptForCredential(
                "Connect to Promo Only POOL",
                "Enter your POOL account e-mail and password.",
                string.Empty,
                string.Empty);
        }
        catch (Exception refused) when (refused is PSInvalidOperationException or System.Management.Automation.Host.HostException or NotImplementedException or NotSupportedException or InvalidOperationException)
        {
            WriteVerbose($"The host cannot prompt for credentials: {refused.Message}");
        }

        if (credential is null)
        {
            ThrowTerminatingError(ErrorRecords.CredentialsRequired());
        }

        return credential!;
    }

    private T Run<T>(Task<T> opening, object target)
    {
        try
        {
            return Await(opening);
        }
        catch (PoolApiException failure)
        {
            ThrowTerminatingError(ErrorRecords.FromConnectFailure(failure, target));
            throw;
        }
        catch (Exception unexpected) when (unexpected is not PipelineStoppedException and not OperationCanceledException)
        {
            ThrowTerminatingError(ErrorRecords.FromApiFailure(
                new PoolApiException(PoolErrorKind.Unexpected, $"Connecting failed unexpectedly ({unexpected.GetType().Name}: {ServerText.Excerpt(unexpected.Message)}).", innerException: unexpected),
                target));
            throw;
        }
    }

    private SecureString CopyOf(SecureString secret, string what)
    {
        if (secret.Length == 0)
        {
            ThrowTerminatingError(ErrorRecords.EmptySecret(what));
        }

        // A private read-only copy: the caller may dispose or reuse the SecureString it passed in.
        SecureString copy = secret.Copy();
        copy.MakeReadOnly();
        return copy;
    }

    private bool ShouldWelcome() => Welcome.ShouldShow(
        NoWelcome,
        MyInvocation.CommandOrigin == CommandOrigin.Runspace,
        Host?.UI?.RawUI is not null,
        StartedNonInteractive(),
        Console.IsOutputRedirected);

    // For the welcome line only: whether to prompt is decided by asking the host (PromptForSignIn).
    private static bool StartedNonInteractive()
    {
        foreach (string argument in Environment.GetCommandLineArgs())
        {
            // pwsh accepts any unambiguous prefix of -NonInteractive, down to -noni.
            if (argument.Length >= 5 && "-noninteractive".StartsWith(argument.ToLowerInvariant(), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
