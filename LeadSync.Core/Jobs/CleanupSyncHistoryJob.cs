using Coravel.Invocable;
using LeadSync.Core.Data;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Jobs;

/// <summary>Daily: removes runs, lead history, settled conflicts and pull errors older than <c>Sync:RetentionDays</c>.</summary>
public sealed class CleanupSyncHistoryJob(
    IDbContextFactory<LeadSyncDbContext> contexts, IOptions<SyncOptions> options, TimeProvider clock) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        await using var db = await contexts.CreateDbContextAsync(CancellationToken);
        await db.Set<LeadHistoryEntry>().Where(e => e.At < cutoff).ExecuteDeleteAsync(CancellationToken);
        await db.Set<PullError>().Where(e => e.At < cutoff).ExecuteDeleteAsync(CancellationToken);
        await db.Set<SyncConflict>().Where(c => c.ResolvedAt != null && c.ResolvedAt < cutoff).ExecuteDeleteAsync(CancellationToken);
        await db.Set<SyncRun>().Where(r => r.FinishedAt != null && r.StartedAt < cutoff).ExecuteDeleteAsync(CancellationToken);
    }
}
