using LeadSync.Core.Data;
using LeadSync.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Webhooks;

/// <summary>
/// Zoho notifies every write to a watched record, LeadSync's own included (§5). Each write LeadSync makes is
/// remembered as one <see cref="ExpectedEcho"/> (in the database, so any instance may receive the notification), and
/// each notified id consumes one whose Modified_Time is the notification's second: a notification explained by a
/// write of ours costs no call and no run. The count keeps it safe — someone else's edit in the same second is a
/// second notification that finds no echo left and is pulled, and one in a later second never matches. An echo older
/// than <see cref="WebhookOptions.EchoWindow"/> explains nothing, and a lost write answer leaves no echo: both only cost
/// a pull, never a missed change.
/// </summary>
public sealed class OwnWriteEchoes(
    IDbContextFactory<LeadSyncDbContext> contexts,
    SqliteWriteGate writeGate,
    EngineStateTracker engine,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider clock)
{
    /// <summary>How far a notification's server_time may lie from the Modified_Time of the write it reports.</summary>
    private static readonly TimeSpan SameWrite = TimeSpan.FromSeconds(2);

    /// <summary>The longest a notification waits for this instance's writes in flight to record their echoes.</summary>
    private static readonly TimeSpan InFlightWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits (at most five seconds) until this instance has no push batch in flight — a batch counts until its outcome,
    /// echoes included, is stored (<see cref="EngineStateTracker.PushingCount"/>); false when none was (nothing new to ask
    /// the echoes). Zoho may notify before a write's answer is stored.
    /// </summary>
    public async Task<bool> WaitForWritesInFlightAsync(CancellationToken cancellationToken)
    {
        if (engine.PushingCount == 0)
        {
            return false;
        }

        var deadline = clock.GetUtcNow() + InFlightWait;
        while (engine.PushingCount > 0 && clock.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(25), clock, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// The rows that remember the writes Zoho just answered (id, and Modified_Time unless deleted), to be saved with
    /// the push's own outcome (one commit); none when watching is off. Fresh rows on every call.
    /// </summary>
    public List<ExpectedEcho> Rows(IReadOnlyCollection<(string ZohoId, DateTimeOffset? ZohoTime)> writes)
    {
        if (writes.Count == 0 || !options.CurrentValue.Enabled)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        return [.. writes.Select(w => new ExpectedEcho { ZohoId = w.ZohoId, ZohoTime = w.ZohoTime, WrittenAt = now })];
    }

    /// <summary>
    /// The ids of one notification (sent at <paramref name="notifiedAt"/>) that a write of ours explains, consuming one
    /// echo each. When another consumer took one of the same echoes meanwhile, none counts as explained (everything is
    /// pulled: safe, at the price of a read).
    /// </summary>
    public async Task<IReadOnlySet<string>> ConsumeAsync(IReadOnlyCollection<string> zohoIds, DateTimeOffset notifiedAt, CancellationToken cancellationToken)
    {
        var explained = new HashSet<string>(StringComparer.Ordinal);
        if (zohoIds.Count == 0)
        {
            return explained;
        }

        var cutoff = clock.GetUtcNow() - options.CurrentValue.EchoWindow;
        var (earliest, latest) = (notifiedAt - SameWrite, notifiedAt + SameWrite);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        foreach (var chunk in zohoIds.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var oldest = await db.Set<ExpectedEcho>().AsNoTracking()
                .Where(e => chunk.Contains(e.ZohoId) && e.WrittenAt >= cutoff
                    && (e.ZohoTime == null || (e.ZohoTime >= earliest && e.ZohoTime <= latest)))
                .GroupBy(e => e.ZohoId).Select(g => new { ZohoId = g.Key, Id = g.Min(e => e.Id) })
                .ToListAsync(cancellationToken);
            var ids = oldest.Select(o => o.Id).ToList();
            if (await db.Set<ExpectedEcho>().Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken) != ids.Count)
            {
                return new HashSet<string>();
            }

            explained.UnionWith(oldest.Select(o => o.ZohoId));
        }

        return explained;
    }

    /// <summary>Forgets echoes past the window: their notifications were lost or never sent.</summary>
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.CurrentValue.EchoWindow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        await db.Set<ExpectedEcho>().Where(e => e.WrittenAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
