using LeadSync.Core.Outbox;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Outbox.Bulk;

/// <summary>Which path a push takes by <c>Sync:BulkWriteThreshold</c> (docs/zoho §6.5), over HTTP against the sandbox.</summary>
public sealed class BulkWriteThresholdTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task At_the_threshold_first_pushes_keep_the_record_path_one_call_per_100()
    {
        await using var app = LeadSyncAppFactory.StartForSync(a => a.With("Sync:BulkWriteThreshold", "250"));
        var ids = await app.ImportAsync(250, "below");

        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "every lead is pushed");
        await Eventually.TrueAsync(async () => (await PushRunsAsync(app)).All(r => r.FinishedAt is not null), "the push runs are recorded");

        var runs = await PushRunsAsync(app);
        Assert.Equal(250, runs.Sum(r => r.Created));
        var writes = app.Logs.Lines.Where(l => l.Contains("Zoho POST /", StringComparison.Ordinal) && !l.Contains("oauth", StringComparison.Ordinal)).ToList();
        Assert.True(writes.Count == 3, string.Join("\n", writes)); // ceil(250 / 100) record writes
        Assert.All(writes, w => Assert.Contains("/crm/v8/Leads/upsert", w, StringComparison.Ordinal));
        Assert.Equal(25, runs.Sum(r => r.Credits)); // 1 credit per 10 records (§4.2), no 500-credit job
        Assert.Equal(0, await app.QueryAsync(db => db.Set<BulkWriteJob>().CountAsync(Token)));
        Assert.All(ids, id => Assert.NotNull(app.LeadAsync(id).Result?.ZohoId));
    }

    [Fact]
    public async Task Only_first_pushes_count_toward_the_threshold_not_edits_of_leads_already_in_zoho()
    {
        // A claim asks whether more first pushes are due than the threshold: the outbox's due upserts bound them from
        // above, and only when those are more is each one's lead looked up (docs/zoho §6.5: only first pushes go by Bulk Write).
        await using var app = LeadSyncAppFactory.StartForSync(f => f.WithOnlyTestDrains(new RecordingPushScheduler())
            .With("Sync:BulkWriteThreshold", "150"));
        await app.Services.GetRequiredService<IZohoClient>().EnsureAuthorizedAsync(Token);
        var linked = await app.ImportAsync(120, "Linked", nudge: false);
        await app.Services.GetRequiredService<OutboxProcessor>().DrainAsync(SyncTrigger.Bulk, null, Token);
        foreach (var id in linked)
        {
            var lead = (await app.LeadAsync(id))!;
            Assert.NotNull(lead.ZohoId);
            await app.Commands.UpdateAsync(id, lead.Fields with { Company = "Edited Co" }, lead.Version, cancellationToken: Token);
        }

        await app.ImportAsync(100, "New", nudge: false);
        var claimer = app.Services.GetRequiredService<OutboxClaimer>();

        Assert.Equal(220, await app.OutboxCountAsync()); // 120 updates and 100 first pushes, all due
        Assert.False(await claimer.MoreDueCreatesThanAsync(100, Token)); // the leads decide: 100 first pushes
        Assert.True(await claimer.MoreDueCreatesThanAsync(99, Token));
        Assert.False(await claimer.MoreDueCreatesThanAsync(220, Token)); // the outbox alone answers
        Assert.True(await claimer.MoreDueCreatesThanAsync(-1, Token)); // a claim that alone holds more than the threshold
    }

    private static async Task<List<SyncRun>> PushRunsAsync(LeadSyncAppFactory app) => [.. (await app.RunsAsync()).Where(r => r.Kind == SyncRunKind.Push)];
}
