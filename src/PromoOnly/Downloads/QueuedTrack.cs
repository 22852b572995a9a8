using System.Collections.Generic;

namespace PromoOnly.Downloads;

/// <summary>One server entry of a queue answer: a host, and its numeric id when the API gave one.</summary>
internal sealed class QueuedServer
{
    public QueuedServer(string host, int? id)
    {
        Host = host;
        Id = id;
    }

    public string Host { get; }

    /// <summary>Null when the queue listed a plain host name: the id then comes from GET /download/server/{id}.</summary>
    public int? Id { get; set; }
}

/// <summary>What <c>GET /download/queue/{id}</c> answered: the dl_token, the mirrors and the metadata a file name is built from.</summary>
internal sealed class QueuedTrack
{
    public QueuedTrack(long trackId, string dlToken, IReadOnlyList<QueuedServer> servers, IReadOnlyList<string> rejectedHosts, string artist, string title, string mix, string fileType)
    {
        TrackId = trackId;
        DlToken = dlToken;
        Servers = servers;
        RejectedHosts = rejectedHosts;
        Artist = artist;
        Title = title;
        Mix = mix;
        FileType = fileType;
    }

    public long TrackId { get; }

    /// <summary>Authorises one download; never shown in output, errors or Verbose lines.</summary>
    public string DlToken { get; }

    public IReadOnlyList<QueuedServer> Servers { get; }

    /// <summary>Host values that failed validation and were dropped.</summary>
    public IReadOnlyList<string> RejectedHosts { get; }

    public string Artist { get; }

    public string Title { get; }

    public string Mix { get; }

    /// <summary>Quality and extension, e.g. "320 mp3" or "720 mp4".</summary>
    public string FileType { get; }
}
