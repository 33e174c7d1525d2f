using LeadSync.Core.Leads;

namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// One row of a Bulk Write job (table <c>BulkWriteJobRows</c>): the outbox entry it carries, at the revision and lead
/// version claimed, and the values sent — what the per-row result is applied against, after a restart too.
/// </summary>
public sealed class BulkWriteJobRow
{
    public Guid JobId { get; set; }

    /// <summary>The row's place in the uploaded CSV (0-based, header excluded): Zoho's result rows come in this order.</summary>
    public int Row { get; set; }

    public long EntryId { get; set; }

    public Guid LeadId { get; set; }

    public int Revision { get; set; }

    public long LeadVersion { get; set; }

    /// <summary>The values sent (core and extra fields, a withheld field left out) and agreed on once Zoho wrote them.</summary>
    public LeadFields? Values { get; set; }

    /// <summary>The claim this row stands for, as the record path's result applier takes it.</summary>
    public ClaimedEntry ToClaim() => new(EntryId, LeadId, OutboxOperation.Upsert, null, Revision, Values, null, null, LeadVersion);
}
