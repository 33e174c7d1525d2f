using Coravel;
using LeadSync.Core.Sync;
using LeadSync.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Jobs;

/// <summary>All of the sync engine's schedules, in one place (called once by the web host).</summary>
public static class SyncSchedule
{
    public static IServiceProvider UseLeadSyncSchedule(this IServiceProvider services)
    {
        // Read at every tick, so an interval changed on the Settings page applies without restart.
        var options = services.GetRequiredService<IOptionsMonitor<SyncOptions>>();
        var clock = services.GetRequiredService<SyncClock>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SyncSchedule));
        services.UseScheduler(scheduler =>
        {
            scheduler.Schedule<SweepOutboxJob>().EverySecond()
                .When(() => Task.FromResult(clock.IsDue(nameof(SweepOutboxJob), options.CurrentValue.SweepInterval, runAtStart: true)))
                .PreventOverlapping(nameof(SweepOutboxJob));
            scheduler.Schedule<PullFromZohoJob>().EverySecond()
                .When(() => Task.FromResult(clock.IsDue(nameof(PullFromZohoJob), options.CurrentValue.PullInterval, runAtStart: true)))
                .PreventOverlapping(nameof(PullFromZohoJob));
            scheduler.Schedule<ProbeZohoAuthorizationJob>().EverySecond()
                .When(() => Task.FromResult(clock.IsDue(nameof(ProbeZohoAuthorizationJob), options.CurrentValue.AuthProbeInterval)))
                .PreventOverlapping(nameof(ProbeZohoAuthorizationJob));
            scheduler.Schedule<RenewWebhookChannelJob>().Hourly().PreventOverlapping(nameof(RenewWebhookChannelJob));
            scheduler.Schedule<CleanupSyncHistoryJob>().Daily().RunOnceAtStart().PreventOverlapping(nameof(CleanupSyncHistoryJob));
        }).OnError(ex => logger.LogError(ex, "A scheduled sync job failed"));
        services.ConfigureQueue().OnError(ex => logger.LogError(ex, "A queued sync job failed"));
        return services;
    }
}
