using LeadSync.Core.Data;
using LeadSync.Core.Monitoring;
using Coravel;
using LeadSync.Core.Jobs;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Pull;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Core.Sync;

/// <summary>Registers the two-way sync engine: outbox processor, puller, service, bulk actions, lead history, events, the push scheduler and Coravel jobs.</summary>
public static class SyncServiceCollectionExtensions
{
    // A flat list of registrations: one line per service, read top to bottom.
    public static IServiceCollection AddLeadSyncSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.SectionName)
            .PostConfigure(o => o.MaxParallelBatches ??= Math.Min(100, 2 * (configuration.GetValue<int?>("Zoho:MaxConcurrency") ?? 10)))
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<SyncInstance>();
        services.AddSingleton<SyncEventBus>();
        services.AddSingleton<ISyncEventSink>(sp => sp.GetRequiredService<SyncEventBus>());
        services.AddSingleton<EngineStateTracker>();
        services.AddSingleton<CreditBudget>();
        services.AddSingleton<SyncCallCounter>();
        services.AddSingleton<IZohoCallObserver>(sp => sp.GetRequiredService<SyncCallCounter>());
        services.AddSingleton<SyncRunRecorder>();
        services.AddSingleton<SqliteWriteGate>();
        services.AddSingleton<OutboxClaimer>();
        services.AddSingleton<Outbox.Bulk.BulkWriteStore>();
        services.AddSingleton<Outbox.Bulk.BulkWriteSignals>();
        services.AddSingleton<Outbox.Bulk.BulkWriteCallbackAddress>();
        services.AddSingleton<Outbox.Bulk.BulkWriteResultApplier>();
        services.AddSingleton<Outbox.Bulk.BulkWriteRunner>();
        services.AddSingleton<Outbox.Bulk.BulkWriteResumer>();
        services.AddSingleton<Outbox.Bulk.BulkPush>();
        services.AddSingleton<OutboxProcessor>();
        services.AddSingleton<LingerNudge>();
        services.AddSingleton<LostCreateRecovery>();
        services.AddSingleton<DeleteGuard>();
        services.AddSingleton<PushBatchSender>();
        services.AddSingleton<LeadSync.Core.Sync.Pull.PullPageApplier>();
        services.AddSingleton<LeadSync.Core.Sync.Pull.DeletedLeadsApplier>();
        services.AddSingleton<LeadSync.Core.Sync.Pull.PullRun>();
        services.AddSingleton<PushResultApplier>();
        services.AddSingleton<LeadSync.Core.Sync.Pull.BulkReadStore>();
        services.AddSingleton<LeadSync.Core.Sync.Pull.BulkLeadReader>();
        services.AddSingleton<LeadPuller>();
        services.AddSingleton<LeadSync.Core.Sync.Initial.InitialSyncEstimator>();
        services.AddSingleton<LeadSync.Core.Sync.Initial.InitialExportQueuer>();
        services.AddSingleton<SyncBackgroundRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncBackgroundRunner>());
        services.AddSingleton<SyncService>();
        services.AddSingleton<SyncBulkActions>();
        services.AddSingleton<LeadSync.Core.Leads.Selection.LeadSelectionReader>();
        services.AddSingleton<LeadSync.Core.Sync.Selection.SelectionPush>();
        services.AddSingleton<LeadSync.Core.Sync.Selection.SelectionPull>();
        services.AddSingleton<BulkPushProgressQueries>();
        services.AddSingleton<LeadHistoryQueries>();
        services.AddSingleton<SyncClock>();

        services.AddScheduler();
        services.AddQueue();
        SerializedQueueHost.ReplaceCoravelHost(services);
        services.AddSingleton<CoravelPushScheduler>();
        services.AddSingleton<IPushScheduler>(sp => sp.GetRequiredService<CoravelPushScheduler>());
        services.AddTransient<DrainOutboxJob>();
        services.AddTransient<SweepOutboxJob>();
        services.AddTransient<ResumeBulkWritesJob>();
        services.AddTransient<PullFromZohoJob>();
        services.AddTransient<ProbeZohoAuthorizationJob>();
        services.AddTransient<CleanupSyncHistoryJob>();
        services.AddTransient<CompactLeadCountsJob>();
        services.AddSingleton<LeadCountCompaction>();
        return services;
    }
}
