using Coravel.Invocable;
using LeadSync.Core.Data;

namespace LeadSync.Core.Jobs;

/// <summary>Every few seconds: folds the appended lead counts on PostgreSQL (<see cref="LeadCountCompaction"/>).</summary>
public sealed class CompactLeadCountsJob(LeadCountCompaction compaction) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public Task Invoke() => compaction.CompactAsync(CancellationToken);
}
