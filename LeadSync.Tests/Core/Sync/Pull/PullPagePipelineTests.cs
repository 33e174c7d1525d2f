using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync.Pull;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Sync.Pull;

/// <summary>
/// A pulled page is read and merged while the page before it is saved (<see cref="PullPagePipeline"/>) only when the
/// two pages share no Zoho id and no email (<see cref="PreparedPullPage.Touches"/>): otherwise the later page would read
/// a lead, an email or a pull error the earlier one is about to write.
/// </summary>
public sealed class PullPagePipelineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_touches_the_ids_and_emails_of_its_records_and_of_the_leads_it_read_as_they_were_read()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        var now = DateTimeOffset.UtcNow;
        await using (var seed = await app.Contexts.CreateDbContextAsync(Token))
        {
            seed.Leads.Add(LeadSyncTransitions.NewFromZoho("1001", now.AddHours(-1), new LeadFields("Ada", "Old", "old@example.com", null, null, "Acme"), now));
            await seed.SaveChangesAsync(Token);
        }

        // Zoho changed record 1001's email; the page also creates record 1002.
        ZohoLead[] records = [Record("1001", "New@Example.com", now), Record("1002", "fresh@example.com", now)];
        await using var db = await app.Contexts.CreateDbContextAsync(Token);
        var page = await PullPage.LoadAsync(db, new SyncRunContext(Guid.NewGuid(), SyncRunKind.Pull, SyncTrigger.Manual), records, ConflictPolicy.ZohoWins, now, Token);
        var prepared = new PreparedPullPage(page, records, ExtraFieldSet.None);

        Assert.True(prepared.Touches([Record("1001", "other@example.com", now)]));  // the same record
        Assert.True(prepared.Touches([Record("2001", "NEW@example.com", now)]));    // its new email, in any case
        Assert.True(prepared.Touches([Record("2002", "old@example.com", now)]));    // the email the lead had when read
        Assert.True(prepared.Touches([Record("2003", "x@example.com", now), Record("1002", "y@example.com", now)]));
        Assert.False(prepared.Touches([Record("2004", "unrelated@example.com", now), Record("2005", "", now)]));
    }

    private static ZohoLead Record(string id, string email, DateTimeOffset modified) =>
        new() { Id = id, LastName = "Pulled", Email = email, Company = "Acme", ModifiedTime = modified };
}
