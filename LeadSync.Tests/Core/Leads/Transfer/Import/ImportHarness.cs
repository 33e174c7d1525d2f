using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Transfer.Import;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LeadSync.Tests.Core.Leads.Transfer.Import;

/// <summary>
/// One "process" of the import for tests: its services over a test database, its own lifetime (stopping it is a shutdown
/// of that process) and a hook called on every event it publishes (to cancel or stop after the first batch).
/// </summary>
public sealed class ImportHarness
{
    private readonly ApplicationLifetime lifetime = new(NullLogger<ApplicationLifetime>.Instance);
    private readonly SyncBackgroundRunner background;

    public ImportHarness(IDbContextFactory<LeadSyncDbContext> contexts, string instanceId = "import-test")
    {
        var instance = new SyncInstance(Options.Create(new SyncOptions { InstanceId = instanceId }));
        var clock = TimeProvider.System;
        var commands = new LeadCommands(contexts, Pushes, Events, instance, clock);
        Store = new ImportJobStore(contexts, instance, clock);
        var writer = new ImportBatchWriter(contexts, Pushes, Events, instance, clock);
        Writer = writer;
        var pace = new ImportPace(Options.Create(new ImportOptions()), clock);
        var runner = new ImportJobRunner(Store, new ImportBatchPlanner(contexts), new ImportUpdateApplier(commands), writer, pace);
        background = new SyncBackgroundRunner(lifetime, NullLogger<SyncBackgroundRunner>.Instance);
        Jobs = new LeadImportJobs(contexts, Store, runner, background, clock);
        Preview = new LeadImportPreview(contexts);
    }

    public RecordingPushScheduler Pushes { get; } = new();

    public HookedEvents Events { get; } = new();

    public ImportJobStore Store { get; }

    public ImportBatchWriter Writer { get; }

    public LeadImportJobs Jobs { get; }

    public LeadImportPreview Preview { get; }

    /// <summary>Stops this "process": running jobs give their lease back at their next batch.</summary>
    public void Stop() => lifetime.StopApplication();

    /// <summary>Waits until every job this harness started has stopped running.</summary>
    public Task IdleAsync() => background.StopAsync(TestContext.Current.CancellationToken);

    /// <summary>Records sync events and calls <see cref="OnLeadsChanged"/> for each <see cref="LeadsChanged"/> (after a batch commits).</summary>
    public sealed class HookedEvents : ISyncEventSink
    {
        private int batches;

        public Action<int>? OnLeadsChanged { get; set; }

        public int Batches => Volatile.Read(ref batches);

        public void Publish(SyncEvent syncEvent)
        {
            if (syncEvent is LeadsChanged)
            {
                OnLeadsChanged?.Invoke(Interlocked.Increment(ref batches));
            }
        }
    }
}
