using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Core.Leads;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync;

/// <summary>
/// Zoho records the pull refuses: a linked lead shows the error (the sides differ) until Zoho holds a valid version;
/// an unlinked record stays a pull error; each refused record version is recorded once however often it is re-read.
/// </summary>
public sealed class RefusedZohoCopyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Linked_lead_whose_zoho_copy_breaks_a_rule_shows_the_error_until_zoho_holds_a_valid_version(bool revertToAgreed)
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var lead = await app.CreateAsync("copy.invalid@example.com", company: "Before");
        await app.WaitSyncedAsync(lead.Id);
        await app.PullAsync(); // the first pull reads everything; later ones are incremental
        var zoho = app.ZohoSingle("copy.invalid@example.com");

        // The sandbox refuses such a value on write now, so it goes straight into its store (as an older record would).
        await app.ZohoPutAsync(zoho with { Email = "copy.invalid@@example.com", ModifiedTime = zoho.ModifiedTime.AddSeconds(2) });
        var refused = await app.PullAsync();
        var reread = await app.PullAsync(); // the overlap reads the same version again

        var shown = (await app.LeadAsync(lead.Id))!;
        Assert.Equal(SyncState.Error, shown.SyncState);
        Assert.Equal(("ZOHO_COPY_INVALID_FORMAT", "Email"), (shown.LastError!.Code, shown.LastError.Field));
        Assert.Contains("Email breaks the format rule", shown.LastError.Message, StringComparison.Ordinal);
        Assert.Equal(("copy.invalid@example.com", "Before"), (shown.Email, shown.Company)); // its values are kept
        Assert.Equal(0, await app.OutboxCountAsync()); // and nothing is pushed over Zoho's copy unseen
        Assert.Equal((1, 0), (refused.Failed, reread.Failed));
        Assert.Single(await app.QueryAsync(db => db.Set<PullError>().ToListAsync(Token)));
        Assert.Single(await HistoryAsync(app, lead.Id, LeadHistoryOutcome.Failed));
        Assert.Equal(1, await ErrorCountAsync(app));
        Assert.Equal(1, (await app.Services.GetRequiredService<DashboardQueries>().GetAsync(DashboardRange.Last24Hours, Token)).LeadsByState[SyncState.Error]);

        var valid = revertToAgreed
            ? zoho with { ModifiedTime = zoho.ModifiedTime.AddSeconds(4) }
            : zoho with { Company = "After", ModifiedTime = zoho.ModifiedTime.AddSeconds(4) };
        await app.ZohoPutAsync(valid);
        var run = await app.PullAsync();

        var back = (await app.LeadAsync(lead.Id))!;
        Assert.Null(run.Error);
        Assert.Equal(SyncState.Synced, back.SyncState);
        Assert.Null(back.LastError);
        Assert.Equal(revertToAgreed ? "Before" : "After", back.Company);
        Assert.Equal(0, await app.OutboxCountAsync());
        Assert.Equal(0, await ErrorCountAsync(app));
        Assert.Single(await HistoryAsync(app, lead.Id, revertToAgreed ? LeadHistoryOutcome.Recovered : LeadHistoryOutcome.Updated));
    }

    [Fact]
    public async Task Linked_lead_whose_email_zoho_changed_to_another_leads_email_shows_the_duplicate_until_zoho_changes_it_back()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var first = await app.CreateAsync("dup.first@example.com");
        var second = await app.CreateAsync("dup.second@example.com");
        await app.WaitSyncedAsync(first.Id);
        await app.WaitSyncedAsync(second.Id);
        await app.PullAsync();
        var zoho = app.ZohoSingle("dup.first@example.com");

        await app.ZohoPutAsync(zoho with { Email = "dup.second@example.com", ModifiedTime = zoho.ModifiedTime.AddSeconds(2) });
        await app.PullAsync();
        await app.PullAsync();

        var shown = (await app.LeadAsync(first.Id))!;
        Assert.Equal(SyncState.Error, shown.SyncState);
        Assert.Equal(("ZOHO_COPY_DUPLICATE_EMAIL", "Email"), (shown.LastError!.Code, shown.LastError.Field));
        Assert.Contains("dup.second@example.com", shown.LastError.Message, StringComparison.Ordinal);
        Assert.Equal("dup.first@example.com", shown.Email);
        Assert.Equal(SyncState.Synced, (await app.LeadAsync(second.Id))!.SyncState);
        Assert.Single(await app.QueryAsync(db => db.Set<PullError>().ToListAsync(Token)));
        Assert.Equal(1, await ErrorCountAsync(app));

        await app.ZohoPutAsync(zoho with { Phone = "555-0199", ModifiedTime = zoho.ModifiedTime.AddSeconds(4) });
        await app.PullAsync();

        var back = (await app.LeadAsync(first.Id))!;
        Assert.Equal((SyncState.Synced, "555-0199"), (back.SyncState, back.Phone));
        Assert.Null(back.LastError);
        Assert.Equal(0, await ErrorCountAsync(app));
    }

    [Fact]
    public async Task Zoho_record_refused_on_pull_that_no_lead_is_linked_to_stays_a_pull_error_only()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var local = new Lead { CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        local.Apply(new LeadFields("Una", "Linked", "unlinked.refused@example.com", null, null, null));
        await app.QueryAsync(async db =>
        {
            db.Leads.Add(local);
            return await db.SaveChangesAsync(Token);
        });
        var time = LeadSyncAppFactory.Second(DateTimeOffset.UtcNow.AddMinutes(-5));
        await app.ZohoPutAsync(new SandboxLead(app.ZohoNextId(), "Una", "\u200B", "unlinked.refused@example.com", null, null, null, time, time));

        var run = await app.PullAsync();

        Assert.Equal(1, run.Failed);
        Assert.Single(await app.QueryAsync(db => db.Set<PullError>().ToListAsync(Token)));
        var kept = (await app.LeadAsync(local.Id))!;
        Assert.Equal(SyncState.NeverSynced, kept.SyncState);
        Assert.Null(kept.LastError);
        Assert.Null(kept.ZohoId);
        Assert.Equal(0, await ErrorCountAsync(app));
    }

    [Fact]
    public async Task Duplicate_email_in_zoho_is_recorded_once_per_record_version_however_often_it_is_read()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var lead = await app.CreateAsync("dup.once@example.com");
        await app.WaitSyncedAsync(lead.Id);
        await app.PullAsync();
        var original = app.ZohoSingle("dup.once@example.com");
        var twin = new SandboxLead(app.ZohoNextId(), "Twin", "Lead", "dup.once@example.com", null, null, null,
            original.ModifiedTime.AddSeconds(2), original.ModifiedTime.AddSeconds(2));
        await app.ZohoPutAsync(twin);

        var runs = new List<SyncRun> { await app.PullAsync(), await app.PullAsync(), await app.PullAsync() };

        var twinId = twin.Id.ToString(CultureInfo.InvariantCulture);
        var error = Assert.Single(await app.QueryAsync(db => db.Set<PullError>().ToListAsync(Token)));
        Assert.Equal((twinId, "DUPLICATE_EMAIL", "Email"), (error.ZohoId, error.Code, error.Field));
        Assert.Equal([1, 0, 0], runs.Select(r => r.Failed));
        Assert.Equal(SyncState.Synced, (await app.LeadAsync(lead.Id))!.SyncState); // the twin is not this lead's record

        await app.ZohoPutAsync(twin with { Company = "Changed", ModifiedTime = twin.ModifiedTime.AddSeconds(2) });
        await app.PullAsync();
        await app.PullAsync();

        Assert.Equal(2, await app.QueryAsync(db => db.Set<PullError>().CountAsync(e => e.ZohoId == twinId, Token)));
    }

    [Fact]
    public async Task Retrying_a_lead_that_shows_a_refused_zoho_copy_pushes_its_own_values_over_it()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var lead = await app.CreateAsync("copy.retry@example.com");
        await app.WaitSyncedAsync(lead.Id);
        await app.PullAsync();
        var zoho = app.ZohoSingle("copy.retry@example.com");
        await app.ZohoPutAsync(zoho with { Email = "copy.retry@@example.com", ModifiedTime = zoho.ModifiedTime.AddSeconds(2) });
        await app.PullAsync();
        Assert.Equal(SyncState.Error, (await app.LeadAsync(lead.Id))!.SyncState);

        await app.WaitForRunAsync(await app.Sync.RetryFailedAsync([lead.Id], Token));

        await app.WaitSyncedAsync(lead.Id);
        Assert.Equal("copy.retry@example.com", app.ZohoSingle("copy.retry@example.com").Email);
        Assert.Null((await app.LeadAsync(lead.Id))!.LastError);
    }

    private static async Task<int> ErrorCountAsync(LeadSyncAppFactory app)
    {
        using var api = app.CreateApiClient();
        var status = await api.GetFromJsonAsync<JsonElement>("api/sync/status", Token);
        return status.GetProperty("errors").GetInt32();
    }

    private static Task<List<LeadHistoryEntry>> HistoryAsync(LeadSyncAppFactory app, Guid leadId, LeadHistoryOutcome outcome) =>
        app.QueryAsync(db => db.Set<LeadHistoryEntry>()
            .Where(h => h.LeadId == leadId && h.Direction == SyncDirection.Pull && h.Outcome == outcome).ToListAsync(Token));
}
