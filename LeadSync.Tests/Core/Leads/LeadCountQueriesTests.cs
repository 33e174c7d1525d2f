using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Leads;

/// <summary>
/// The trigger-kept lead counts (<see cref="LeadCount"/>) stay equal to counting the leads through every kind of write:
/// inserts, tracked updates, set-based updates, a status removed, deletes; PostgreSQL's folding keeps the sums; and a
/// database whose triggers are missing gets them back, with its counts rebuilt, at the next start.
/// </summary>
public abstract class LeadCountQueriesTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync(Token);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    public static TheoryData<string> Filters() => ["all", "Error", "Synced+Pending", "Contacted", "no status", "Contacted+no status", "Error+Contacted"];

    private static LeadFilter FilterFor(string name) => name switch
    {
        "Error" => new LeadFilter { SyncStates = [SyncState.Error] },
        "Synced+Pending" => new LeadFilter { SyncStates = [SyncState.Synced, SyncState.Pending] },
        "Contacted" => new LeadFilter { Statuses = ["Contacted"] },
        "no status" => new LeadFilter { Statuses = [string.Empty] },
        "Contacted+no status" => new LeadFilter { Statuses = ["Contacted", string.Empty] },
        "Error+Contacted" => new LeadFilter { SyncStates = [SyncState.Error], Statuses = ["Contacted"] },
        _ => LeadFilter.All,
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Counts_follow_inserts_updates_and_deletes(string filterName)
    {
        var filter = FilterFor(filterName);
        await SeedAsync(40);
        await AssertCountsAsync(filter);

        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            var tracked = await db.Leads.OrderBy(l => l.Email).Take(7).ToListAsync(Token);
            foreach (var lead in tracked)
            {
                lead.SyncState = SyncState.Error;
                lead.Apply(lead.Fields with { Status = lead.Fields.Status is null ? "Contacted" : null });
            }

            await db.SaveChangesAsync(Token);
            await db.Leads.Where(l => l.Status == "Junk Lead").ExecuteUpdateAsync(s => s.SetProperty(l => l.SyncState, SyncState.Pending), Token);
            await db.Leads.Where(l => l.SyncState == SyncState.Conflict).ExecuteDeleteAsync(Token);
        }

        await AssertCountsAsync(filter);
    }

    [Fact]
    public async Task Dashboard_counts_by_state_equal_the_leads()
    {
        await SeedAsync(30);
        await using var db = await database.Contexts.CreateDbContextAsync(Token);

        var byState = await LeadCountQueries.ByStateAsync(db, Token);

        foreach (var state in Enum.GetValues<SyncState>())
        {
            Assert.Equal(await db.Leads.CountAsync(l => l.SyncState == state, Token), byState[state]);
        }
    }

    [Fact]
    public async Task Folding_keeps_every_count_and_leaves_one_row_per_key_on_PostgreSQL()
    {
        await SeedAsync(20);
        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            for (var i = 0; i < LeadCountCompaction.Threshold / 2 + 10; i++) // two appended rows per state change
            {
                var state = i % 2 == 0 ? SyncState.Error : SyncState.Synced;
                await db.Leads.Where(l => l.Email == "lead03@example.com").ExecuteUpdateAsync(s => s.SetProperty(l => l.SyncState, state), Token);
            }
        }

        var folded = await new LeadCountCompaction(database.Contexts).CompactAsync(Token);

        Assert.Equal(database.Provider == DatabaseProvider.Postgres, folded);
        await AssertCountsAsync(LeadFilter.All);
        await AssertCountsAsync(new LeadFilter { SyncStates = [SyncState.Error] });
        await using var check = await database.Contexts.CreateDbContextAsync(Token);
        var rows = await check.Set<LeadCount>().CountAsync(Token);
        var keys = await check.Set<LeadCount>().Select(c => new { c.SyncState, c.Status }).Distinct().CountAsync(Token);
        Assert.Equal(keys, rows);
    }

    [Fact]
    public async Task Missing_triggers_are_restored_and_the_counts_rebuilt_at_start()
    {
        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            await db.Database.ExecuteSqlRawAsync(database.Provider == DatabaseProvider.Postgres
                ? """DROP TRIGGER leads_counts_insert ON "Leads"; DROP TRIGGER leads_counts_delete ON "Leads"; DROP TRIGGER leads_counts_update ON "Leads";"""
                : """DROP TRIGGER "Leads_counts_insert"; DROP TRIGGER "Leads_counts_delete"; DROP TRIGGER "Leads_counts_update";""", Token);
        }

        await SeedAsync(12); // not counted: no triggers
        await database.MigrateAsync(Token);

        await AssertCountsAsync(LeadFilter.All);
        await AssertCountsAsync(new LeadFilter { Statuses = ["Contacted", string.Empty] });
        await SeedAsync(3, first: 100); // counted again
        await AssertCountsAsync(LeadFilter.All);
    }

    private async Task AssertCountsAsync(LeadFilter filter)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var counted = await LeadQueries.Filter(db, filter).CountAsync(Token);
        Assert.Equal(counted, await LeadCountQueries.CountAsync(db, filter, Token));
        Assert.Equal(counted, await new LeadQueries(database.Contexts).CountAsync(filter, Token));
    }

    private async Task SeedAsync(int count, int first = 0)
    {
        string?[] statuses = ["Contacted", null, "Junk Lead", "Not Contacted"];
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        for (var n = first; n < first + count; n++)
        {
            var lead = new Lead { SyncState = (SyncState)(n % 6), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            lead.Apply(new LeadFields($"First{n}", $"Last{n}", $"lead{n:D2}@example.com", null, statuses[n % statuses.Length], "Acme"));
            db.Leads.Add(lead);
        }

        await db.SaveChangesAsync(Token);
    }
}
