using LeadSync.Core.Zoho;

namespace LeadSync.Core.Sync.Pull;

/// <summary>What one pull has applied across its page-token chains: record versions seen, the latest Modified_Time.</summary>
internal sealed class ChainProgress
{
    private readonly Dictionary<string, DateTimeOffset?> seen = new(StringComparer.Ordinal);

    public DateTimeOffset? LastApplied { get; private set; }

    /// <summary>Zoho's clock when it answered this pull's first page (its Date header), if it sent one.</summary>
    public DateTimeOffset? ReadStarted { get; private set; }

    public void Answered(DateTimeOffset? serverTime) => ReadStarted ??= serverTime;

    /// <summary>The records not yet applied in this run (the overlap and a restarted chain repeat some).</summary>
    public List<ZohoLead> Unseen(IReadOnlyList<ZohoLead> records)
    {
        var fresh = new List<ZohoLead>(records.Count);
        foreach (var record in records)
        {
            if (record.Id is null || (seen.TryGetValue(record.Id, out var time) && time == record.ModifiedTime))
            {
                continue;
            }

            seen[record.Id] = record.ModifiedTime;
            fresh.Add(record);
        }

        return fresh;
    }

    public void Applied(DateTimeOffset? pageMax)
    {
        if (pageMax is not null && (LastApplied is null || pageMax > LastApplied))
        {
            LastApplied = pageMax;
        }
    }
}
