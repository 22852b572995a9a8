using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PromoOnly.Account;
using PromoOnly.Client;

namespace PromoOnly.Commands;

/// <summary>
/// Request-PromoRedownload: asks the POOL to queue tracks the account downloaded before once more
/// (lost or damaged files). Ids are confirmed one by one and sent in requests of up to 100, each
/// id once per run; asking again for a track already requeued only requeues it again.
/// </summary>
[Cmdlet(VerbsLifecycle.Request, "PromoRedownload", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.QueueAndSessions)]
[OutputType(typeof(RedownloadRequest))]
public sealed class RequestPromoRedownloadCommand : CatalogueCmdlet
{
    private readonly HashSet<long> _seen = new();
    private readonly List<long> _batch = new(AccountClient.RedownloadBatchSize);

    /// <summary>Read like Save-PromoTrack's: Track objects and CSV rows bind by TrackId (or Id, Track_Id, "Track Id").</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "Track_Id", "Track Id")]
    [AllowEmptyCollection]
    [TrackIdTransformation]
    [ValidateRange(1, long.MaxValue)]
    public long[] TrackId { get; set; } = null!;

    /// <summary>Why the files are needed again, as the POOL records it.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 1000)]
    public string Reason { get; set; } = null!;

    protected override void ProcessRecord()
    {
        foreach (long id in TrackId)
        {
            if (_seen.Add(id) && ShouldProcess($"track {id}", "Request a re-download"))
            {
                _batch.Add(id);
                if (_batch.Count == AccountClient.RedownloadBatchSize)
                {
                    Send();
                }
            }
        }
    }

    protected override void EndProcessing()
    {
        if (_batch.Count > 0)
        {
            Send();
        }
    }

    private void Send()
    {
        long[] ids = _batch.ToArray();
        _batch.Clear();
        int requeued;
        try
        {
            requeued = Await(Account.RequestRedownloadAsync(ids, Reason.Trim(), CancelToken));
        }
        catch (PoolApiException failure)
        {
            WriteFailure(failure, ids);
            return;
        }

        if (requeued < ids.Length)
        {
            WriteWarning($"The POOL requeued {requeued} of {ids.Length} tracks ({ids.First()}…{ids.Last()}): it re-downloads only tracks the account has downloaded before.");
        }

        WriteObject(new RedownloadRequest(ids, requeued, Reason.Trim()));
    }
}
