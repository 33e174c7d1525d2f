using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Selection;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync.Selection;

/// <summary>
/// Issue 17, "all N matching" at a million leads: push, retry failed and pull of a whole filter are read a chunk at a
/// time (<see cref="LeadSelectionReader"/>, here 7 leads a chunk) and never as one list of ids. Each matching lead is
/// acted on exactly once, the others are left alone, and no chunk ever held more than the chunk size. The same on
/// SQLite and PostgreSQL (<see cref="AllMatchingActionsPostgresTests"/>). The rule for leads that change meanwhile is
/// <see cref="LeadSelectionReaderTests"/>'.
/// </summary>
public class AllMatchingActionsTests
{
    private const int Chunk = 7;
    private const int Matching = 25;
    private const int Others = 15;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected virtual Task<string?> DatabaseAsync() => Task.FromResult<string?>(null);

    protected virtual Task DropAsync() => Task.CompletedTask;

    [Fact]
    public async Task Push_all_matching_pushes_each_matching_lead_once_a_chunk_at_a_time()
    {
        await RunAsync(async (app, matching, others) =>
        {
            var othersBefore = await VersionsAsync(app, others);
            var runId = await app.Services.GetRequiredService<SyncBulkActions>().PushAsync(Contacted, Token);
            var run = await app.WaitForRunAsync(runId);

            Assert.Null(run.Error);
            Assert.Equal(Matching, run.Updated);
            var selected = await app.QueryAsync(db => db.Set<BulkPushLead>().Where(b => b.RunId == runId).Select(b => b.LeadId).ToListAsync(Token));
            Assert.Equal(matching.Order(), selected.Order());
            Assert.All(matching, id => Assert.Equal("Contacted", app.ZohoSingle(EmailOf(matching, others, id)).LeadStatus));
            Assert.Equal(othersBefore, await VersionsAsync(app, others));
            AssertChunked(app);
        });
    }

    [Fact]
    public async Task Retry_failed_of_all_matching_retries_only_the_matching_failures_once()
    {
        await RunAsync(async (app, matching, others) =>
        {
            var failed = matching.Take(12).Concat(others.Take(5)).ToList();
            await app.QueryAsync(db => db.Leads.Where(l => failed.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.SyncState, SyncState.Error), Token));
            var selection = LeadSelection.Matching(new LeadFilter { Statuses = ["Contacted"], SyncStates = [SyncState.Error] }, 12);

            var run = await app.WaitForRunAsync(await app.Services.GetRequiredService<SyncBulkActions>().RetryFailedAsync(selection, Token));

            Assert.Null(run.Error);
            Assert.Equal(12, run.Updated);
            var states = await app.QueryAsync(db => db.Leads.Where(l => failed.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.SyncState, Token));
            Assert.All(matching.Take(12), id => Assert.Equal(SyncState.Synced, states[id]));
            Assert.All(others.Take(5), id => Assert.Equal(SyncState.Error, states[id]));
            Assert.Equal(0, await app.OutboxCountAsync());
            AssertChunked(app);
        });
    }

    [Fact]
    public async Task Pull_all_matching_rereads_each_linked_matching_lead_once()
    {
        await RunAsync(async (app, matching, others) =>
        {
            // Zoho changed every lead; the pull of the matching ones brings in theirs only.
            foreach (var id in matching.Concat(others))
            {
                await app.ZohoEditAsync(EmailOf(matching, others, id), l => l.Company = "Changed in Zoho");
            }

            var run = await app.WaitForRunAsync(await app.Services.GetRequiredService<SyncBulkActions>().PullAsync(Contacted, Token));

            Assert.Null(run.Error);
            Assert.Equal(Matching, run.Updated);
            var companies = await app.QueryAsync(db => db.Leads.ToDictionaryAsync(l => l.Id, l => l.Company, Token));
            Assert.All(matching, id => Assert.Equal("Changed in Zoho", companies[id]));
            Assert.All(others, id => Assert.Equal("Import Co", companies[id]));
            Assert.Equal((Matching + Chunk - 1) / Chunk, run.ApiCalls); // one read call per chunk of linked matching leads
            AssertChunked(app);
        });
    }

    private static LeadSelection Contacted => LeadSelection.Matching(new LeadFilter { Statuses = ["Contacted"] }, Matching);

    private static void AssertChunked(LeadSyncAppFactory app)
    {
        var largest = app.Services.GetRequiredService<LeadSelectionReader>().LargestChunk;
        Assert.InRange(largest, 1, Chunk);
    }

    private static string EmailOf(List<Guid> matching, List<Guid> others, Guid id)
    {
        var all = matching.Concat(others).ToList();
        return $"Sel.{all.IndexOf(id)}@import.example";
    }

    private static Task<Dictionary<Guid, long>> VersionsAsync(LeadSyncAppFactory app, List<Guid> ids) =>
        app.QueryAsync(db => db.Leads.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Version, Token));

    /// <summary>Starts the app (chunk of 7), imports 40 synced leads and marks 25 of them Contacted (a change nothing queued).</summary>
    private async Task RunAsync(Func<LeadSyncAppFactory, List<Guid>, List<Guid>, Task> test)
    {
        var connectionString = await DatabaseAsync();
        try
        {
            await using var app = LeadSyncAppFactory.StartForSync(f =>
            {
                var configured = f.With("Sync:SelectionChunk", Chunk.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return connectionString is null ? configured : configured.UsePostgres(connectionString);
            });
            var ids = await app.ImportAsync(Matching + Others, "Sel");
            await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the import was pushed", TimeSpan.FromSeconds(60));
            var matching = ids.Take(Matching).ToList();
            var others = ids.Skip(Matching).ToList();
            await app.QueryAsync(db => db.Leads.Where(l => matching.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, "Contacted"), Token));
            await test(app, matching, others);
        }
        finally
        {
            await DropAsync();
        }
    }
}

/// <summary>The "all matching" actions of <see cref="AllMatchingActionsTests"/> on PostgreSQL.</summary>
public sealed class AllMatchingActionsPostgresTests : AllMatchingActionsTests
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
