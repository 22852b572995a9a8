using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PromoOnly.Emulator.Media;

/// <summary>One dl_token the queue issued: whose it is, for which track, and the how-manyth for that track.</summary>
internal sealed record DownloadTicket(string Token, int UserId, int TrackId, long Number);

/// <summary>
/// The dl_tokens issued by GET /download/queue, which media hosts and POST /download/success check.
/// Tokens never expire here (the live API's lifetime is undocumented); the table is bounded by
/// forgetting the oldest half when full, so a long benchmark cannot grow it without limit.
/// </summary>
internal sealed class DownloadTickets
{
    private const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, DownloadTicket> tickets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> issuedPerTrack = new();

    public DownloadTicket Issue(int userId, int trackId)
    {
        if (tickets.Count >= Capacity)
        {
            foreach (var old in tickets.Values.OrderBy(t => t.Number).Take(Capacity / 2))
            {
                tickets.TryRemove(old.Token, out _);
            }
        }

        long number = issuedPerTrack.AddOrUpdate(trackId, 1, static (_, n) => n + 1);
        var ticket = new DownloadTicket(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), userId, trackId, number);
        tickets[ticket.Token] = ticket;
        return ticket;
    }

    public DownloadTicket? Find(string token) => tickets.TryGetValue(token, out var ticket) ? ticket : null;

    /// <summary>Restarts every track's numbering (DELETE /_emulator/stats), so refused-once tracks refuse again.</summary>
    public void ResetNumbering() => issuedPerTrack.Clear();
}
