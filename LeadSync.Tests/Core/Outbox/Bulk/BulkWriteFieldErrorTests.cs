using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Core.Sync.ExtraFields;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Outbox.Bulk;

/// <summary>
/// A Bulk Write result row refused for an extra field (<c>MANDATORY_NOT_FOUND-Budget__c</c>, docs/zoho §6.2, §2.11.2):
/// the CSV carries the mapped extra fields (§6.5), so the rows holding a Budget are written with it, and only the lead
/// without one fails — its row's own field error, then the record API's refusal, showing the field.
/// </summary>
public sealed class BulkWriteFieldErrorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_the_row_missing_a_mandatory_extra_field_fails_and_it_shows_the_field()
    {
        await using var app = BulkWriteHost.Start();
        var trigger = app.Services.GetRequiredService<FieldMetadataRefreshTrigger>();
        trigger.MinInterval = TimeSpan.FromDays(1);
        trigger.Request(); // this instance's refresh for the day, taken now: Budget stays mapped as LeadSync knew it
        await trigger.Running;
        await ExtraFieldsSyncTests.MapAsync(app, ["Budget__c", "Region__c"]);
        await app.Sandbox.Fields.UpdateAsync("Budget__c", new SandboxFieldEdit { Mandatory = true }, Token);
        var withBudget = BulkWriteHost.Leads("budget", 120)
            .Select(l => l with { Extra = LeadFieldValues.Empty.With("Budget__c", FieldValue.Number(100)).With("Region__c", FieldValue.Text("EMEA")) });
        var ids = await BulkWriteHost.AddAsync(app, [.. withBudget, new LeadFields("No", "Budget", "no.budget@bulk.example", null, null, "X")]);
        var without = ids[^1];
        BulkWriteHost.Nudge(app);

        await Eventually.TrueAsync(async () => (await BulkWriteHost.JobsAsync(app)).Any(j => j.State == BulkWriteJobState.Done), "the job is applied");
        await Eventually.TrueAsync(
            async () => await app.QueryAsync(db => db.Leads.CountAsync(l => ids.Contains(l.Id) && (l.SyncState == SyncState.Synced || l.SyncState == SyncState.Error || l.SyncState == SyncState.DeadLetter), Token)) == ids.Count,
            "every lead is settled");

        var job = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.Equal((121, 1), (job.RowsApplied, job.RowsFailed)); // every row with a Budget carried it
        foreach (var id in ids[..^1])
        {
            var lead = (await app.LeadAsync(id))!;
            Assert.Equal(SyncState.Synced, lead.SyncState);
            Assert.Equal(("100", "\"EMEA\""), (app.ZohoSingle(lead.Email).ExtraValue("Budget__c"), app.ZohoSingle(lead.Email).ExtraValue("Region__c")));
        }

        var errors = await app.QueryAsync(db => db.Set<LeadHistoryEntry>().Where(h => h.ErrorCode == "MANDATORY_NOT_FOUND").ToListAsync(Token));
        Assert.All(errors, h => Assert.Equal(without, h.LeadId));
        Assert.Contains(errors, h => h.Outcome == LeadHistoryOutcome.FieldError);
        var failed = (await app.LeadAsync(without))!;
        Assert.Equal(("MANDATORY_NOT_FOUND", "Budget__c"), (failed.LastError!.Code, failed.LastError.Field));
        Assert.Empty(app.ZohoByEmail("no.budget@bulk.example"));
        var shown = Assert.Single(await app.QueryAsync(db => db.Set<LeadFieldError>().AsNoTracking().ToListAsync(Token)));
        Assert.Equal((without, "Budget__c"), (shown.LeadId, shown.ApiName));
    }
}
