using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Selection;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync.Selection;

/// <summary>
/// The chunk reader behind every "all matching" action (docs/architecture.md, "All matching"): chunks of at most the
/// chunk size in id order, every matching lead once, and the rule for leads that change while the action runs —
/// leads created after the start never join, the filter is asked as each chunk is read (a lead that stopped matching
/// before its chunk is skipped, one that started matching is taken), and a lead already read is never read again.
/// SQLite here, PostgreSQL in <see cref="LeadSelectionReaderPostgresTests"/>.
/// </summary>
public class LeadSelectionReaderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected virtual Task<string?> DatabaseAsync() => Task.FromResult<string?>(null);

    protected virtual Task DropAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reads_every_matching_lead_once_in_chunks_no_larger_than_the_chunk_size()
    {
        await RunAsync(async app =>
        {
            var ids = await app.ImportAsync(23, "Read", nudge: false);
            var matching = ids.Where((_, i) => i % 3 != 0).ToList();
            await app.QueryAsync(db => db.Leads.Where(l => matching.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, "Contacted"), Token));
            var reader = app.Services.GetRequiredService<LeadSelectionReader>();

            var chunks = await ReadAllAsync(reader, new LeadSelectionSnapshot(Contacted, DateTimeOffset.UtcNow, 4));

            Assert.All(chunks, c => Assert.InRange(c.Count, 1, 4));
            Assert.Equal((matching.Count + 3) / 4, chunks.Count);
            var read = chunks.SelectMany(c => c.Select(l => l.Id)).ToList();
            Assert.Equal(matching.Order(), read.Order());
            Assert.Equal(read.Count, read.Distinct().Count());
        });
    }

    [Fact]
    public async Task Leads_that_change_while_the_action_runs_follow_the_rule()
    {
        await RunAsync(async app =>
        {
            var ids = await app.ImportAsync(12, "Rule", nudge: false);
            var ordered = await app.QueryAsync(db => db.Leads.OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(Token));
            var late = ordered[^1]; // read in the last chunk
            var lateJoiner = ordered[^2]; // does not match at the start
            await app.QueryAsync(db => db.Leads.Where(l => l.Id != lateJoiner).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, "Contacted"), Token));
            var reader = app.Services.GetRequiredService<LeadSelectionReader>();
            var snapshot = new LeadSelectionSnapshot(Contacted, DateTimeOffset.UtcNow, 3);
            await Task.Delay(20, Token);

            var read = new List<Guid>();
            var first = true;
            await foreach (var chunk in reader.ReadAsync(snapshot, cancellationToken: Token))
            {
                read.AddRange(chunk.Select(l => l.Id));
                if (first)
                {
                    first = false;
                    await ChangeDuringTheActionAsync(app, chunk[0].Id, late, lateJoiner);
                }
            }

            Assert.Equal(ids.Count - 1, read.Count); // 12 leads, less the one that stopped matching, plus the one that started
            Assert.Equal(read.Count, read.Distinct().Count()); // the edited lead already read is not read again
            Assert.DoesNotContain(late, read);
            Assert.Contains(lateJoiner, read);
            Assert.Equal(ids.Count + 1, await app.QueryAsync(db => db.Leads.CountAsync(Token)));
            Assert.All(read, id => Assert.Contains(id, ids)); // the lead created after the start is not read
        });
    }

    private static async Task ChangeDuringTheActionAsync(LeadSyncAppFactory app, Guid alreadyRead, Guid late, Guid lateJoiner)
    {
        await app.QueryAsync(db => db.Leads.Where(l => l.Id == late).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, "Qualified"), Token));
        await app.QueryAsync(db => db.Leads.Where(l => l.Id == lateJoiner).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, "Contacted"), Token));
        await app.QueryAsync(db => db.Leads.Where(l => l.Id == alreadyRead).ExecuteUpdateAsync(s => s.SetProperty(l => l.LastName, "Edited"), Token));
        var created = await app.ImportAsync(1, "Created later", nudge: false);
        await app.QueryAsync(db => db.Leads.Where(l => created.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, "Contacted"), Token));
    }

    private static LeadSelection Contacted => LeadSelection.Matching(new LeadFilter { Statuses = ["Contacted"] }, 0);

    private static async Task<List<IReadOnlyList<SelectedLead>>> ReadAllAsync(LeadSelectionReader reader, LeadSelectionSnapshot snapshot)
    {
        var chunks = new List<IReadOnlyList<SelectedLead>>();
        await foreach (var chunk in reader.ReadAsync(snapshot, cancellationToken: Token))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    private async Task RunAsync(Func<LeadSyncAppFactory, Task> test)
    {
        var connectionString = await DatabaseAsync();
        try
        {
            await using var app = connectionString is null ? LeadSyncAppFactory.InMemory() : new LeadSyncAppFactory().WithQuietEngine().UsePostgres(connectionString);
            await test(app);
        }
        finally
        {
            await DropAsync();
        }
    }
}

/// <summary>The chunk reader of <see cref="LeadSelectionReaderTests"/> on PostgreSQL (uuid order, not text order).</summary>
public sealed class LeadSelectionReaderPostgresTests : LeadSelectionReaderTests
{
    private string? database;

    protected override async Task<string?> DatabaseAsync()
    {
        var (name, connectionString) = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        database = name;
        return connectionString;
    }

    protected override Task DropAsync() => database is null ? Task.CompletedTask : PostgresServer.DropDatabaseAsync(database, CancellationToken.None);
}
