using System.Diagnostics;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync.State;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Issue 17: "all N matching" actions at 1,000,000 leads (<c>LEADSYNC_ALLMATCHING_N</c> for another size), read a chunk at a time (<c>Sync:SelectionChunk</c>, 1,000).
/// Measured: the selection phase, the part that used to hold every id — "Push to Zoho" on all 1,000,000 (each lead
/// recorded as selected, queued and reserved for the run) and "Retry failed" on all of them (≈ 1 in 3 failed). Zoho's
/// side is not part of it: the engine is told its credentials were refused, so each run ends as soon as its drain
/// starts (the Bulk Write push of a million is the million benchmarks'). Memory is sampled during each action
/// (<see cref="MemorySampler"/>); a list of a million ids alone is 16 MB, the old push also kept a tracked entity each.
/// </summary>
public abstract class AllMatchingBenchmarks
{
    /// <summary>How many leads (<c>LEADSYNC_ALLMATCHING_N</c>; 1,000,000 unless set).</summary>
    private static readonly int LeadCount =
        int.TryParse(Environment.GetEnvironmentVariable("LEADSYNC_ALLMATCHING_N"), out var n) && n > 0 ? n : 1_000_000;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract string Provider { get; }

    protected abstract Task<(LeadSyncAppFactory Factory, Func<Task> Cleanup)> CreateAsync();

    [Fact]
    public async Task All_matching_push_and_retry_over_many_leads()
    {
        var (factory, cleanup) = await CreateAsync();
        try
        {
            // The credentials probe would find the sandbox's credentials good and let the sweep push meanwhile: not within the run.
            await using var app = factory.WithQuietEngine().With("Sync:AuthProbeInterval", "01:00:00")
                .With("Logging:LogLevel:Default", "Warning").WithLogCapture(LogLevel.Warning);
            app.Start();
            await BulkLeadLoader.LoadAsync(app.Contexts, LeadCount, Token);
            app.Services.GetRequiredService<EngineStateTracker>().CredentialsRefused("INVALID_TOKEN"); // no drain reaches Zoho
            var actions = app.Services.GetRequiredService<SyncBulkActions>();
            var all = LeadSelection.Matching(LeadFilter.All, LeadCount);

            var push = await MeasureAsync(app, $"Push to Zoho, all {LeadCount:N0} matching (selection phase)", () => actions.PushAsync(all, Token));
            var selected = await app.QueryAsync(db => db.Set<BulkPushLead>().Where(b => b.RunId == push).CountAsync(Token));
            Assert.Equal(LeadCount, selected);
            await MeasureClaimPastReservedAsync(app);
            await MeasureAsync(app, $"Retry failed, all {LeadCount:N0} matching (selection phase)", () => actions.RetryFailedAsync(all, Token));
            Assert.Equal(0, await app.QueryAsync(db => db.Leads.CountAsync(l => l.SyncState == SyncState.Error || l.SyncState == SyncState.DeadLetter, Token)));
        }
        finally
        {
            await cleanup();
        }
    }

    /// <summary>
    /// What a sweep's ordinary claim costs while a selection's entries are reserved for its run (claimed by it, and due
    /// for nobody else, until the reservation ends): every lead is queued again for a run that is not there, as a push of
    /// all of them does, and the claim — which finds none it may take — is timed (<see cref="ClaimRounds"/> rounds), then the reservation ends.
    /// </summary>
    private async Task MeasureClaimPastReservedAsync(LeadSyncAppFactory app)
    {
        var reservation = new OutboxReservation(Guid.NewGuid(), DateTimeOffset.UtcNow.AddHours(1));
        await using (var db = await app.Contexts.CreateDbContextAsync(Token))
        {
            // What a person's push of all of them does to their entries (the owner's own path, not a hand-made state).
            await LeadSyncTransitions.QueueManyAsync(db, d => d.Leads, ChangeSource.Manual, DateTimeOffset.UtcNow, Token, reservation);
        }

        var reserved = await app.QueryAsync(db => db.Set<OutboxEntry>().CountAsync(e => e.ReservedFor == reservation.RunId, Token));
        var claimer = app.Services.GetRequiredService<OutboxClaimer>();
        await BenchmarkRunner.SettleAsync(cancellationToken: Token);
        var times = new List<double>(ClaimRounds);
        for (var round = 0; round < ClaimRounds; round++)
        {
            var watch = Stopwatch.StartNew();
            var claimed = await claimer.ClaimAsync(SyncOptions.BatchSize, mayLinger: false, Token);
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Empty(claimed); // every entry is reserved for the run
        }

        await claimer.EndReservationAsync(reservation.RunId);
        times.Sort();
        await BenchmarkRunner.RecordAsync(new BenchmarkResult($"A sweep's claim past {reserved:N0} reserved entries", Provider, ClaimRounds,
            times[ClaimRounds / 2], times[^1], times[0], times[^1], $"finds none to take; {BenchmarkRunner.GcMode}"), Token);
    }

    private const int ClaimRounds = 7;

    private async Task<Guid> MeasureAsync(LeadSyncAppFactory app, string name, Func<Task<Guid>> start)
    {
        await BenchmarkRunner.SettleAsync(cancellationToken: Token);
        var outboxBefore = await app.OutboxCountAsync();
        var sampler = MemorySampler.Start(MemorySampler.LiveProbeInterval);
        await using var chunks = ChunkTimer.Start(app.Services.GetRequiredService<SyncEventBus>());
        await using (sampler)
        {
            var watch = Stopwatch.StartNew();
            var runId = await start();
            var run = await app.Sync.WaitForRunAsync(runId, TimeSpan.FromMinutes(30), Token);
            watch.Stop();
            var memory = await sampler.StopAsync();
            var (tenths, chunkCount) = await chunks.StopAsync(runId);
            var largest = app.Services.GetRequiredService<LeadSync.Core.Leads.Selection.LeadSelectionReader>().LargestChunk;
            var queued = await app.OutboxCountAsync() - outboxBefore;
            var ms = watch.Elapsed.TotalMilliseconds;
            await BenchmarkRunner.RecordAsync(new BenchmarkResult(name, Provider, 1, ms, ms, ms, ms,
                $"{LeadCount / watch.Elapsed.TotalSeconds:F0} leads/s; +{queued:N0} outbox entries; largest chunk read {largest:N0}; " +
                $"{chunkCount:N0} chunks, median ms per chunk by tenth of the selection {ChunkTimer.Describe(tenths)}; " +
                $"{memory}; run ended '{run.Error}'; {BenchmarkRunner.GcMode}"), Token);
            return runId;
        }
    }
}

[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class AllMatchingBenchmarks_Sqlite : AllMatchingBenchmarks
{
    protected override string Provider => "SQLite";

    protected override Task<(LeadSyncAppFactory Factory, Func<Task> Cleanup)> CreateAsync() =>
        Task.FromResult((new LeadSyncAppFactory(), (Func<Task>)(() => Task.CompletedTask)));
}

[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class AllMatchingBenchmarks_Postgres : AllMatchingBenchmarks
{
    protected override string Provider => "PostgreSQL";

    protected override async Task<(LeadSyncAppFactory Factory, Func<Task> Cleanup)> CreateAsync()
    {
        var (name, connectionString) = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        return (new LeadSyncAppFactory().UsePostgres(connectionString), () => PostgresServer.DropDatabaseAsync(name, CancellationToken.None));
    }
}
