using System.Collections.Generic;

namespace PromoOnly.Client;

/// <summary>The servers of one track, and the host values that failed validation and were dropped.</summary>
internal sealed class ServerList
{
    public ServerList(IReadOnlyList<DownloadServer> servers, IReadOnlyList<string> rejectedHosts)
    {
        Servers = servers;
        RejectedHosts = rejectedHosts;
    }

    public IReadOnlyList<DownloadServer> Servers { get; }

    public IReadOnlyList<string> RejectedHosts { get; }
}
