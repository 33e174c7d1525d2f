using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Outbox.Bulk;

/// <summary>What the bulk push tests share: an app whose threshold is small and whose polling is fast, leads written straight in, and waits.</summary>
internal static class BulkWriteHost
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static LeadSyncAppFactory Start(Func<LeadSyncAppFactory, LeadSyncAppFactory>? configure = null) =>
        LeadSyncAppFactory.StartForSync(a => (configure ?? (x => x))(a
            .With("Sync:BulkWriteThreshold", "100")
            .With("Sync:BulkWritePollInterval", "00:00:00.100")));

    /// <summary>Adds leads with these values and their outbox entries in one transaction (no validation: Zoho may refuse some).</summary>
    public static async Task<List<Guid>> AddAsync(LeadSyncAppFactory app, IEnumerable<LeadFields> leads, TimeSpan? dueIn = null)
    {
        var ids = new List<Guid>();
        await using var db = await app.Contexts.CreateDbContextAsync(Token);
        var now = DateTimeOffset.UtcNow;
        foreach (var fields in leads)
        {
            var lead = new Lead { CreatedAt = now, UpdatedAt = now, SyncState = SyncState.Pending };
            lead.Apply(fields);
            db.Leads.Add(lead);
            db.Add(new OutboxEntry { LeadId = lead.Id, Operation = OutboxOperation.Upsert, Revision = 1, CreatedAt = now, UpdatedAt = now, NextAttemptAt = now + (dueIn ?? TimeSpan.Zero), Trigger = ChangeSource.Import });
            ids.Add(lead.Id);
        }

        await db.SaveChangesAsync(Token);
        return ids;
    }

    /// <summary>Wakes the push now (as a committed import does).</summary>
    public static void Nudge(LeadSyncAppFactory app) => app.Services.GetRequiredService<IPushScheduler>().SchedulePush();

    public static IEnumerable<LeadFields> Leads(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => new LeadFields("Bulk", $"{prefix} {i}", $"{prefix}.{i}@bulk.example", null, "Not Contacted", "Bulk Co"));

    /// <summary>Waits until the outbox is empty and every push run has finished.</summary>
    public static async Task SettledAsync(LeadSyncAppFactory app, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "every lead is pushed", timeout ?? TimeSpan.FromSeconds(60));

        await Eventually.TrueAsync(async () => (await app.RunsAsync()).Where(r => r.Kind == SyncRunKind.Push).All(r => r.FinishedAt is not null), "the push runs are recorded");
    }

    public static Task<List<BulkWriteJob>> JobsAsync(LeadSyncAppFactory app) =>
        app.QueryAsync(db => db.Set<BulkWriteJob>().AsNoTracking().OrderBy(j => j.CreatedAt).ToListAsync(Token));

    /// <summary>The record API writes the app made (each logged once): none when everything went by Bulk Write.</summary>
    public static List<string> RecordWrites(LeadSyncAppFactory app) =>
        [.. app.Logs.Lines.Where(l => l.Contains("/crm/v8/Leads/upsert", StringComparison.Ordinal) || (l.Contains("Zoho PUT /", StringComparison.Ordinal) && l.Contains("/Leads", StringComparison.Ordinal)))];
}
