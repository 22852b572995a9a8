using System;
using System.Net;
using System.Net.Sockets;

namespace PromoOnly.Client;

/// <summary>
/// The message for a request that never reached the API. With a proxy in the way, a refused or
/// failed connection is the proxy's, and a message naming only the API would send the user
/// looking at the wrong machine.
/// </summary>
internal static class NetworkFailure
{
    public static string Describe(Uri target, Uri? explicitProxy, Exception failure)
    {
        string api = target.GetLeftPart(UriPartial.Authority);
        string reason = ServerText.Innermost(failure);
        Uri? proxy = explicitProxy ?? EnvironmentProxyFor(target);
        if (proxy is null)
        {
            return $"Could not reach the POOL API at {api}: {reason}";
        }

        // Scheme, host and port only: a proxy address may carry user:password, which must not be shown.
        string named = $"{proxy.Scheme}://{proxy.Authority}";
        return Innermost(failure) is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
            ? $"The proxy {named} refused the connection, so the POOL API at {api} could not be reached: check that the proxy is running and that its address is right ({reason})."
            : $"Could not reach the POOL API at {api} through the proxy {named}: {reason}";
    }

    /// <summary>
    /// The system or environment proxy (HTTPS_PROXY and friends) the shared client uses for
    /// <paramref name="target"/>, if any. HttpClient.DefaultProxy exists only on .NET Core 3.0
    /// and later, hence the reflection in the netstandard2.0 build; on Windows PowerShell this
    /// returns null.
    /// </summary>
    private static Uri? EnvironmentProxyFor(Uri target)
    {
        try
        {
#if NET
            if (System.Net.Http.HttpClient.DefaultProxy is { } proxy && !proxy.IsBypassed(target))
#else
            if (typeof(System.Net.Http.HttpClient).GetProperty("DefaultProxy")?.GetValue(null) is IWebProxy proxy && !proxy.IsBypassed(target))
#endif
            {
                Uri? via = proxy.GetProxy(target);
                return via is null || via == target ? null : via;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Naming the proxy is a courtesy; the failure itself is reported either way.
        }

        return null;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
