using System.Globalization;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.State;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Sync.Pull;

/// <summary>Zoho → LeadSync: watermark, overlap, page tokens, linking, validation errors, deletes, full resync.</summary>
public sealed class PullTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pull_of_2500_zoho_leads_follows_page_tokens_to_the_end()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var seeded = await app.ZohoSeedAsync(2500, "Paged", DateTimeOffset.UtcNow.AddHours(-1));

        var run = await app.PullAsync();

        Assert.Null(run.Error);
        Assert.Equal(2500, run.Created);
        Assert.Equal(2500, await app.QueryAsync(db => db.Leads.CountAsync(l => l.SyncState == SyncState.Synced && l.ZohoId != null, Token)));
        // §2.2: 200 per page → 13 list calls, plus the record count (more pages follow: below Sync:BulkReadThreshold, so
        // no Bulk Read), the deleted list and at most one token call.
        Assert.InRange(run.ApiCalls, 15, 16);
        var watermark = await app.QueryAsync(db => db.Set<SyncWatermark>().SingleAsync(w => w.Name == SyncWatermark.Leads, Token));
        Assert.Equal(seeded.Max(l => l.ModifiedTime), watermark.Value);
        Assert.Equal(0, await app.OutboxCountAsync()); // values applied by a pull never queue a push
    }

    [Fact]
    public async Task Pull_restarts_the_page_token_chain_from_the_last_applied_time_at_zohos_limit()
    {
        // §2.2: a page-token chain ends at 100,000 records (PAGINATION_LIMIT_EXCEEDED); the sandbox ends it at 1,000 here.
        await using var app = LeadSyncAppFactory.StartForSync(f => f.With("Sandbox:PageTokenRecordLimit", "1000"));
        await app.ZohoSeedAsync(2500, "Chained", DateTimeOffset.UtcNow.AddHours(-1), perSecond: 100);

        var run = await app.PullAsync();

        Assert.Null(run.Error);
        Assert.Equal(2500, run.Created);
        Assert.Equal(2500, await app.QueryAsync(db => db.Leads.CountAsync(Token)));
    }

    [Fact]
    public async Task Lead_modified_in_the_same_second_as_the_last_pulled_record_is_not_missed()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        // Zoho stamps Modified_Time with its own clock, so the second is the current one (the read-through point follows
        // Zoho's Date header: a record stamped minutes before Zoho's clock when written is beyond what a pull re-reads).
        var second = LeadSyncAppFactory.Second(DateTimeOffset.UtcNow);
        await app.ZohoPutAsync(new SandboxLead(app.ZohoNextId(), "First", "Seen", "same.second.a@zoho.example", null, null, null, second, second));
        Assert.Equal(1, (await app.PullAsync()).Created);

        // Written after the pull, stamped with the very same second (§7.10: one-second resolution).
        await app.ZohoPutAsync(new SandboxLead(app.ZohoNextId(), "Late", "Arrival", "same.second.b@zoho.example", null, null, null, second, second));
        var run = await app.PullAsync();

        Assert.Equal(1, run.Created);
        Assert.Equal(SyncState.Synced, (await app.LeadByEmailAsync("same.second.b@zoho.example"))!.SyncState);
        Assert.Equal(0, run.Updated);
    }

    [Fact]
    public async Task Pull_links_an_unlinked_local_lead_by_email_instead_of_duplicating_it()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var local = new Lead { CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        local.Apply(new LeadFields("Linda", "Link", "Linda.Link@Example.com", "555-0101", null, "Links Ltd"));
        await app.QueryAsync(async db =>
        {
            db.Leads.Add(local);
            return await db.SaveChangesAsync(Token);
        });
        var created = await app.Sandbox.Leads.CreateAsync(
            new SandboxLeadInput { FirstName = "Linda", LastName = "Link", Email = "linda.link@example.com", Phone = "555-0101", Company = "Links Ltd" }, Token);

        var run = await app.PullAsync();

        Assert.Equal(0, run.Created);
        Assert.Equal(1, run.Updated);
        var leads = await app.QueryAsync(db => db.Leads.AsNoTracking().ToListAsync(Token));
        var linked = Assert.Single(leads);
        Assert.Equal(local.Id, linked.Id);
        Assert.Equal(created.Lead!.Id.ToString(CultureInfo.InvariantCulture), linked.ZohoId);
        Assert.Equal(SyncState.Synced, linked.SyncState);
        Assert.Equal(0, await app.OutboxCountAsync());
    }

    [Fact]
    public async Task Zoho_record_failing_local_validation_is_recorded_and_does_not_hold_back_the_watermark()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var early = LeadSyncAppFactory.Second(DateTimeOffset.UtcNow.AddMinutes(-5));
        var bad = new SandboxLead(app.ZohoNextId(), "No", "Email", null, null, null, null, early, early);
        await app.ZohoPutAsync(bad);
        var good = new SandboxLead(app.ZohoNextId(), "Has", "Email", "valid.after.invalid@zoho.example", null, null, null, early.AddSeconds(30), early.AddSeconds(30));
        await app.ZohoPutAsync(good);

        var run = await app.PullAsync();

        Assert.Equal(1, run.Created);
        Assert.Equal(1, run.Failed);
        var error = await app.QueryAsync(db => db.Set<PullError>().SingleAsync(Token));
        Assert.Equal(bad.Id.ToString(CultureInfo.InvariantCulture), error.ZohoId);
        Assert.Equal("Email", error.Field);
        Assert.Equal(run.Id, error.RunId);
        Assert.Contains("Email is required", error.Message, StringComparison.Ordinal);
        var watermark = await app.QueryAsync(db => db.Set<SyncWatermark>().SingleAsync(w => w.Name == SyncWatermark.Leads, Token));
        Assert.Equal(good.ModifiedTime, watermark.Value);

        await app.PullAsync(); // the overlap reads it again: still one error row, not one per pull
        Assert.Equal(1, await app.QueryAsync(db => db.Set<PullError>().CountAsync(Token)));
    }

    [Fact]
    public async Task Zoho_record_whose_last_name_is_only_a_zero_width_space_is_refused_on_pull()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var time = LeadSyncAppFactory.Second(DateTimeOffset.UtcNow.AddMinutes(-5));
        // The sandbox refuses such a record on insert now (Core's rule), so it is put straight into its store, as a
        // record Zoho held before the rule, or one another integration wrote, would be.
        var invisible = new SandboxLead(app.ZohoNextId(), "Ada", "\u200B", "zero.width@zoho.example", null, null, null, time, time);
        await app.ZohoPutAsync(invisible);

        var run = await app.PullAsync();

        Assert.Equal(0, run.Created);
        Assert.Equal(1, run.Failed);
        Assert.Null(await app.LeadByEmailAsync("zero.width@zoho.example"));
        var error = await app.QueryAsync(db => db.Set<PullError>().SingleAsync(Token));
        Assert.Equal(invisible.Id.ToString(CultureInfo.InvariantCulture), error.ZohoId);
        Assert.Equal(("LastName", "INVALID_VISIBLE"), (error.Field, error.Code));
        Assert.Contains("visible character", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lead_deleted_in_zoho_is_deleted_locally()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var lead = await app.CreateAsync("pull.deleted@example.com");
        await app.WaitSyncedAsync(lead.Id);

        await app.Sandbox.Leads.DeleteAsync(app.ZohoSingle("pull.deleted@example.com").Id, Token);
        var run = await app.PullAsync();

        Assert.Equal(1, run.Deleted);
        Assert.Null(await app.LeadAsync(lead.Id));
        Assert.Equal(0, await app.OutboxCountAsync());
        Assert.Contains(await app.QueryAsync(db => db.Set<LeadHistoryEntry>().Where(h => h.LeadId == lead.Id).ToListAsync(Token)),
            h => h.Direction == SyncDirection.Pull && h.Outcome == LeadHistoryOutcome.Deleted);
    }

    [Fact] // docs/decisions/0005: a lead deleted here whose delete waits (a 429 held it back) must not come back from Zoho
    public async Task Lead_deleted_here_whose_delete_waits_is_not_brought_back_by_a_pull_of_its_edited_Zoho_record()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var lead = await app.CreateAsync("pull.waiting.delete@example.com");
        await app.WaitSyncedAsync(lead.Id);
        await using (var db = await app.Contexts.CreateDbContextAsync(Token))
        {
            // The console's delete, with its entry held back an hour as a 429's backoff would.
            var stored = await db.Leads.SingleAsync(l => l.Id == lead.Id, Token);
            db.Leads.Remove(stored);
            var entry = await LeadSyncTransitions.QueueAsync(db, stored, QueuedChange.Delete(ChangeSource.Console), DateTimeOffset.UtcNow, Token);
            entry!.NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1);
            await db.SaveChangesAsync(Token);
        }

        await app.ZohoEditAsync("pull.waiting.delete@example.com", r => r.Company = "Edited in Zoho");
        var pull = await app.PullAsync();

        Assert.Equal((0, 0), (pull.Created, pull.Updated));
        Assert.Equal(0, await app.QueryAsync(db => db.Leads.CountAsync(Token)));
        await app.QueryAsync(db => db.Set<OutboxEntry>().ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAt, DateTimeOffset.UtcNow), Token));
        await Eventually.TrueAsync(() => Task.FromResult(app.ZohoByEmail("pull.waiting.delete@example.com").Count == 0), "the delete reaches Zoho");
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the delete entry is done");
        var after = await app.PullAsync();
        Assert.Equal(0, after.Created);
        Assert.Equal(0, await app.QueryAsync(db => db.Leads.CountAsync(Token)));
    }

    [Fact]
    public async Task Lead_deleted_in_zoho_is_kept_unlinked_when_delete_propagation_from_zoho_is_off()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f.With("Sync:PropagateDeletes:FromZoho", "false"));
        var lead = await app.CreateAsync("pull.kept@example.com");
        await app.WaitSyncedAsync(lead.Id);

        await app.Sandbox.Leads.DeleteAsync(app.ZohoSingle("pull.kept@example.com").Id, Token);
        await app.PullAsync();

        var kept = (await app.LeadAsync(lead.Id))!;
        Assert.Null(kept.ZohoId);
        Assert.Equal(SyncState.NeverSynced, kept.SyncState);
        Assert.Equal("ZOHO_DELETED", kept.LastError!.Code);
        Assert.Equal(0, await app.OutboxCountAsync()); // nothing re-creates it by itself
        Assert.Empty(app.ZohoByEmail("pull.kept@example.com"));
    }

    [Fact]
    public async Task Full_resync_repairs_drift_without_a_timestamp_change_and_pushes_leads_never_linked()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var lead = await app.CreateAsync("resync.drift@example.com", company: "Before");
        await app.WaitSyncedAsync(lead.Id);
        await app.PullAsync(); // the first pull reads everything; from now on pulls are incremental
        var zoho = app.ZohoSingle("resync.drift@example.com");
        var old = zoho.ModifiedTime.AddHours(-1);
        // Drift: Zoho's value changed but its Modified_Time did not move forward (a formula field, a missed webhook).
        await app.ZohoPutAsync(zoho with { Company = "Drifted", ModifiedTime = old });
        var never = new Lead { CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        never.Apply(new LeadFields("Nora", "Never", "resync.never@example.com", null, null, null));
        await app.QueryAsync(async db =>
        {
            db.Leads.Add(never);
            return await db.SaveChangesAsync(Token);
        });

        var incremental = await app.PullAsync();
        Assert.Equal(0, incremental.Updated);
        Assert.Equal("Before", (await app.LeadAsync(lead.Id))!.Company);

        var full = await app.WaitForRunAsync(await app.Sync.FullResyncAsync(cancellationToken: Token));

        Assert.Null(full.Error);
        Assert.Equal(SyncRunKind.FullResync, full.Kind);
        Assert.Equal(1, full.Updated);
        Assert.Equal("Drifted", (await app.LeadAsync(lead.Id))!.Company);
        await app.WaitSyncedAsync(never.Id);
        Assert.Single(app.ZohoByEmail("resync.never@example.com"));
    }

    [Fact]
    public async Task Full_resync_pushes_every_never_linked_lead_once_when_they_fill_several_pages()
    {
        // The resync queues never-linked leads 500 at a time, each page read on from the last lead of the one before.
        await using var app = LeadSyncAppFactory.StartForSync();
        await app.PullAsync();
        var now = DateTimeOffset.UtcNow;
        var never = Enumerable.Range(0, 1203).Select(i =>
        {
            var lead = new Lead { CreatedAt = now, UpdatedAt = now };
            lead.Apply(new LeadFields("Paged", $"Never{i}", $"resync.paged{i}@example.com", null, null, null));
            return lead;
        }).ToList();
        await app.QueryAsync(async db =>
        {
            db.Leads.AddRange(never);
            return await db.SaveChangesAsync(Token);
        });

        var full = await app.WaitForRunAsync(await app.Sync.FullResyncAsync(cancellationToken: Token));

        Assert.Null(full.Error);
        await Eventually.TrueAsync(async () => await app.QueryAsync(db =>
            db.Leads.CountAsync(l => l.LastName.StartsWith("Never") && l.SyncState == SyncState.Synced && l.ZohoId != null, Token)) == never.Count,
            "every never-linked lead synced");
        Assert.Equal(never.Count, app.Sandbox.State().Leads);
        foreach (var i in (int[])[0, 499, 500, 999, 1000, 1202]) // each side of every page's end
        {
            Assert.Single(app.ZohoByEmail($"resync.paged{i}@example.com"));
        }

        Assert.Equal(0, await app.OutboxCountAsync());
    }

    [Fact]
    public async Task Zoho_workflow_edit_after_our_write_is_applied_once_and_not_echoed()
    {
        // §7.11: with workflows allowed on our writes, Zoho's rule edits the lead about a second after our push.
        await using var app = LeadSyncAppFactory.StartForSync(f => f.With("Zoho:WorkflowTrigger", "true"));
        app.Sandbox.Faults.Apply(new SandboxFaultPatch { WorkflowLeadStatus = "Contacted", WorkflowDelayMs = 300 });
        var lead = await app.CreateAsync("workflow.once@example.com");
        await app.WaitSyncedAsync(lead.Id);
        await Eventually.TrueAsync(() => Task.FromResult(app.ZohoSingle("workflow.once@example.com").LeadStatus == "Contacted"),
            "Zoho's workflow rule ran");
        var pushRuns = (await app.RunsAsync()).Count(r => r.Kind == SyncRunKind.Push);
        var zohoTime = app.ZohoSingle("workflow.once@example.com").ModifiedTime;

        var first = await app.PullAsync();
        var second = await app.PullAsync();

        Assert.Equal(1, first.Updated);
        Assert.Equal(0, second.Updated);
        var stored = (await app.LeadAsync(lead.Id))!;
        Assert.Equal("Contacted", stored.Status);
        Assert.Equal(SyncState.Synced, stored.SyncState);
        Assert.Equal(0, await app.OutboxCountAsync());
        Assert.Equal(pushRuns, (await app.RunsAsync()).Count(r => r.Kind == SyncRunKind.Push));
        Assert.Equal(zohoTime, app.ZohoSingle("workflow.once@example.com").ModifiedTime);
    }

    [Fact]
    public async Task Pulling_leads_by_id_applies_their_current_zoho_values_without_moving_the_watermark()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var created = await app.Sandbox.Leads.CreateAsync(
            new SandboxLeadInput { FirstName = "Web", LastName = "Hook", Email = "webhook.lead@zoho.example", Company = "Hooks Inc" }, Token);

        var run = await app.WaitForRunAsync(await app.Sync.PullLeadsAsync([created.Lead!.Id.ToString(CultureInfo.InvariantCulture)], cancellationToken: Token));

        Assert.Equal((SyncRunKind.PullLeads, SyncTrigger.Webhook, 1), (run.Kind, run.Trigger, run.Created));
        Assert.Equal("Hooks Inc", (await app.LeadByEmailAsync("webhook.lead@zoho.example"))!.Company);
        Assert.False(await app.QueryAsync(db => db.Set<SyncWatermark>().AnyAsync(Token)));
    }
}
