using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Sync.Pull;

/// <summary>
/// Issue 14.5: an idle pull costs one list call, however many records share the last Modified_Time second — the pull
/// reads from Zoho's clock at its last complete read (the Date header) minus the overlap, not from the last record's
/// time minus the overlap forever — while a record that shows up late inside the overlap is still read (§2.2, §7.10).
/// </summary>
public sealed class IdlePullTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact] // §2.2: If-Modified-Since with nothing later → 304; §7.10: 3,000 records in one second
    public async Task Idle_pull_after_3000_leads_in_one_Zoho_second_costs_one_list_call()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await app.ZohoSeedAsync(3000, "Burst", DateTimeOffset.UtcNow.AddMinutes(-1), perSecond: 3000);

        var first = await app.PullAsync();
        var idle = await app.PullAsync();
        var again = await app.PullAsync();
        var readThrough = await app.QueryAsync(db => db.Set<SyncWatermark>().SingleAsync(w => w.Name == SyncWatermark.LeadsReadThrough, Token));

        Assert.Equal(3000, first.Created);
        Assert.InRange(first.ApiCalls, 17, 18); // 15 pages of 200, the record count (more pages follow: is it a Bulk Read?), the deleted list, perhaps a token
        Assert.Equal(2, idle.ApiCalls); // one list call (304) and the deleted list
        Assert.Equal(2, again.ApiCalls);
        Assert.Equal(0, idle.Created + idle.Updated);
        Assert.InRange(readThrough.Value!.Value, DateTimeOffset.UtcNow.AddSeconds(-15), DateTimeOffset.UtcNow);
    }

    [Fact] // the overlap still covers a record that becomes visible after a read with a Modified_Time just before it
    public async Task Record_showing_up_late_inside_the_overlap_of_the_last_read_is_pulled()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f.With("Sync:PullOverlap", "00:00:05"));
        await app.ZohoSeedAsync(10, "Early", DateTimeOffset.UtcNow.AddMinutes(-1));
        await app.PullAsync();
        var late = LeadSyncAppFactory.Second(DateTimeOffset.UtcNow.AddSeconds(-2));
        await app.ZohoPutAsync(new SandboxLead(app.ZohoNextId(), "Zed", "Late", "late@zoho.example", null, "Not Contacted", "Late Co", late, late));

        var run = await app.PullAsync();

        Assert.Equal(1, run.Created);
        Assert.NotNull(await app.LeadByEmailAsync("late@zoho.example"));
    }
}
