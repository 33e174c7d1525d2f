using LeadSync.Core.Leads;
using LeadSync.Core.Settings;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync;

/// <summary>
/// <c>Sync:DailyCreditBudget</c> (issue 14.6): the deployment's runs together stay inside it — once the last 24 hours'
/// credits reach it, drains claim nothing and pulls read nothing, the engine says why, changes keep queuing, and
/// raising the budget resumes the sync.
/// </summary>
public sealed class CreditBudgetTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact] // §4.1: credits are counted per org per day; a write of 100 records costs 10 (§4.2)
    public async Task A_spent_budget_pauses_push_and_pull_until_an_admin_raises_it()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f.With("Sync:DailyCreditBudget", "25"));
        await app.ImportAsync(300, "Budget");
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the first 300 were pushed (30 credits)", TimeSpan.FromSeconds(30));

        var late = await app.CreateAsync("late.budget@example.com");
        await Task.Delay(TimeSpan.FromSeconds(1.5), Token); // several sweeps of the fast test host
        var pull = await app.PullAsync();
        var engine = app.Services.GetRequiredService<EngineStateTracker>();

        Assert.Equal(SyncState.Pending, (await app.LeadAsync(late.Id))!.SyncState);
        Assert.Empty(app.ZohoByEmail("late.budget@example.com"));
        Assert.Contains("credit budget is spent", pull.Error, StringComparison.Ordinal);
        Assert.Equal(0, pull.ApiCalls);
        Assert.Equal(EngineState.BudgetSpent, engine.State);

        var settings = app.Services.GetRequiredService<SyncSettingsService>();
        await settings.SaveAsync(settings.GetCurrent() with { PullInterval = TimeSpan.FromHours(1), DailyCreditBudget = 1000 }, Token);
        await app.WaitSyncedAsync(late.Id);

        Assert.Single(app.ZohoByEmail("late.budget@example.com"));
        Assert.NotEqual(EngineState.BudgetSpent, engine.State);
        Assert.Null((await app.PullAsync()).Error);
    }

    [Fact]
    public async Task Credits_of_every_run_in_the_last_24_hours_count_whichever_instance_ran_it()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f.With("Sync:DailyCreditBudget", "100"));
        await app.QueryAsync(async db =>
        {
            db.Add(new SyncRun { Kind = SyncRunKind.Push, Trigger = SyncTrigger.Scheduled, InstanceId = "another-instance", StartedAt = DateTimeOffset.UtcNow.AddHours(-2), FinishedAt = DateTimeOffset.UtcNow.AddHours(-2), Credits = 60 });
            db.Add(new SyncRun { Kind = SyncRunKind.Push, Trigger = SyncTrigger.Scheduled, InstanceId = "another-instance", StartedAt = DateTimeOffset.UtcNow.AddHours(-25), FinishedAt = DateTimeOffset.UtcNow.AddHours(-25), Credits = 500 });
            return await db.SaveChangesAsync(Token);
        });

        var lead = await app.CreateAsync("within.budget@example.com");
        await app.WaitSyncedAsync(lead.Id); // 60 of 100 used: still room
        await app.QueryAsync(async db =>
        {
            db.Add(new SyncRun { Kind = SyncRunKind.Pull, Trigger = SyncTrigger.Scheduled, InstanceId = "another-instance", StartedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow, Credits = 40 });
            return await db.SaveChangesAsync(Token);
        });

        var pull = await app.PullAsync();

        Assert.Contains("credit budget is spent", pull.Error, StringComparison.Ordinal);
    }
}
