using System;
using System.Management.Automation;
using System.Security;
using PromoOnly.Auth;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>Connect-PromoOnly: opens the session that the other cmdlets use.</summary>
[Cmdlet(VerbsCommunications.Connect, "PromoOnly", DefaultParameterSetName = TokenSet)]
[OutputType(typeof(PromoOnlySession))]
public sealed class ConnectPromoOnlyCommand : PromoCmdlet
{
    private const string TokenSet = "Token";

    [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
    [ValidateRange(1, int.MaxValue)]
    public int UserId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
    [ValidateNotNull]
    public SecureString Token { get; set; } = null!;

    [Parameter]
    [ValidateNotNull]
    public Uri? ApiBaseUri { get; set; }

    [Parameter]
    public SwitchParameter SkipValidation { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (Token.Length == 0)
        {
            ThrowTerminatingError(ErrorRecords.EmptyToken());
        }

        Uri baseUri = ResolveBaseUri();

        // A private read-only copy: the caller may dispose or reuse the SecureString it passed in.
        SecureString token = Token.Copy();
        token.MakeReadOnly();

        if (SkipValidation)
        {
            WriteVerbose($"Skipping token validation for user {UserId}.");
        }
        else
        {
            Validate(baseUri, token);
        }

        var session = new PromoOnlySession(UserId, baseUri, AuthenticationMode.Token, token, DateTime.UtcNow);
        SessionStore.Set(session);
        WriteVerbose($"Connected as POOL user {UserId} to {baseUri}.");
        if (PassThru)
        {
            WriteObject(session);
        }
    }

    private void Validate(Uri baseUri, SecureString token)
    {
        bool valid;
        try
        {
            valid = Await(CreateClient(baseUri).ValidateTokenAsync(UserId, token, CancelToken));
        }
        catch (PoolApiException failure)
        {
            token.Dispose();
            ThrowTerminatingError(ErrorRecords.FromApiFailure(failure, UserId));
            return;
        }

        if (!valid)
        {
            token.Dispose();
            ThrowTerminatingError(ErrorRecords.InvalidToken(UserId));
        }
    }

    private Uri ResolveBaseUri()
    {
        string source = "-ApiBaseUri";
        Uri? candidate = ApiBaseUri;
        if (candidate is null)
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable(ApiAddress.EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(fromEnvironment))
            {
                candidate = new Uri(ApiAddress.DefaultBaseUri);
                source = "the default";
            }
            else
            {
                source = $"the {ApiAddress.EnvironmentVariable} environment variable";
                if (!Uri.TryCreate(fromEnvironment!.Trim(), UriKind.Absolute, out candidate))
                {
                    ThrowTerminatingError(ErrorRecords.InvalidApiBaseUri(fromEnvironment, "it is not an absolute URI", source));
                }
            }
        }

        if (!ApiAddress.TryNormalize(candidate, out Uri normalized, out string problem))
        {
            ThrowTerminatingError(ErrorRecords.InvalidApiBaseUri(candidate!.OriginalString, problem, source));
        }

        return normalized;
    }
}
