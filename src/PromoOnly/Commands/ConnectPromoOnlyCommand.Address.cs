using System;
using System.Net;
using System.Net.Http;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>
/// Where Connect-PromoOnly connects: the API address (-ApiBaseUri, else the environment, else the
/// live API), the transport (-Proxy with its credential, else the shared client), and the refusal
/// to send credentials in clear to another machine unless asked to.
/// </summary>
public sealed partial class ConnectPromoOnlyCommand
{
    private void RefuseClearTextCredentials(Uri apiBaseUri)
    {
        if (!ApiAddress.IsUnencryptedRemote(apiBaseUri))
        {
            return;
        }

        if (!AllowUnencryptedAuthentication)
        {
            ThrowTerminatingError(ErrorRecords.UnencryptedAuthentication(apiBaseUri));
        }

        WriteWarning($"Credentials for {apiBaseUri.AbsoluteUri} travel unencrypted (plain http to another machine), as -AllowUnencryptedAuthentication allows.");
    }

    private HttpClient ResolveHttpClient()
    {
        if (Proxy is null)
        {
            if (ProxyCredential is not null)
            {
                ThrowTerminatingError(ErrorRecords.ProxyCredentialWithoutProxy());
            }

            return PoolHttp.Client;
        }

        if (!Proxy.IsAbsoluteUri || (Proxy.Scheme != Uri.UriSchemeHttp && Proxy.Scheme != Uri.UriSchemeHttps))
        {
            ThrowTerminatingError(ErrorRecords.InvalidProxy(ApiAddress.WithoutUserInfo(Proxy)));
        }

        // user:password@ in the address would be shown by the session, ConvertTo-Json and every log.
        if (Proxy.UserInfo.Length > 0)
        {
            ThrowTerminatingError(ErrorRecords.ProxyUserInfo(ApiAddress.WithoutUserInfo(Proxy)));
        }

        NetworkCredential? credential = ProxyCredential is null ? null : new NetworkCredential(ProxyCredential.UserName, ProxyCredential.Password);
        return PoolHttp.ForProxy(Proxy, credential);
    }

    private Uri ResolveBaseUri()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(ApiAddress.EnvironmentVariable);
        if (!ApiAddress.TryResolve(ApiBaseUri, fromEnvironment, out Uri resolved, out string rejected, out string problem))
        {
            ThrowTerminatingError(ErrorRecords.InvalidApiBaseUri(rejected, problem));
        }

        return resolved;
    }
}
