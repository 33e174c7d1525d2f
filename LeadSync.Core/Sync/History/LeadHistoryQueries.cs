using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.History;

/// <summary>Reads a lead's sync history (what each push and pull did to it), newest first.</summary>
public sealed class LeadHistoryQueries(IDbContextFactory<LeadSyncDbContext> contexts)
{
    public const int DefaultTake = 50;

    public async Task<IReadOnlyList<LeadHistoryItem>> GetAsync(Guid leadId, int take = DefaultTake, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<LeadHistoryEntry>().AsNoTracking()
            .Where(h => h.LeadId == leadId)
            .OrderByDescending(h => h.At).ThenByDescending(h => h.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
        return
        [
            .. rows.Select(h => new LeadHistoryItem(
                h.Id, h.At, h.Direction, h.Outcome, h.RunId,
                LeadMapper.ChangeLines(h.Changes),
                h.ErrorCode, h.ErrorMessage)),
        ];
    }
}
