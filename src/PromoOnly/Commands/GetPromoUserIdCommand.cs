using System;
using System.Management.Automation;
using System.Net.Http;
using PromoOnly.Account;
using PromoOnly.Auth;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>
/// Get-PromoUserId: the POOL user id of an account e-mail address (<c>POST /account/pool_userid</c>).
/// It needs no session and sends no credentials. The address: -ApiBaseUri, else the connected
/// session's, else PROMOONLY_API_BASE_URI, else the live API.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PromoUserId", HelpUri = HelpLinks.QueueAndSessions)]
[OutputType(typeof(int))]
public sealed class GetPromoUserIdCommand : PromoCmdlet
{
    private const int MaxRetries = 4;

    private PoolApiClient _client = null!;

    /// <summary>The e-mail address the POOL account was registered with.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Email { get; set; } = null!;

    [Parameter]
    [ValidateNotNull]
    public Uri? ApiBaseUri { get; set; }

    protected override void BeginProcessing()
    {
        PromoOnlySession? session = SessionStore.Current is { IsDisconnected: false } current ? current : null;
        if (ApiBaseUri is null && session is not null)
        {
            _client = CreateClient(session);
            return;
        }

        if (!ApiAddress.TryResolve(ApiBaseUri, Environment.GetEnvironmentVariable(ApiAddress.EnvironmentVariable), out Uri resolved, out string rejected, out string problem))
        {
            ThrowTerminatingError(ErrorRecords.InvalidApiBaseUri(rejected, problem));
        }

        _client = CreateClient(resolved, PoolHttp.Client, proxy: null);
    }

    protected override void ProcessRecord()
    {
        string email = Email.Trim();
        try
        {
            WriteObject(Await(UserIdLookup.LookupAsync(_client, email, new RetryPolicy(MaxRetries), this, CancelToken)));
        }
        catch (PoolApiException failure)
        {
            WriteError(ErrorRecords.FromApiFailure(failure, Email));
        }
    }
}
