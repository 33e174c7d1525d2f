using Coravel;
using Coravel.Scheduling.Schedule.Interfaces;
using LeadSync.Core.Sync;
using LeadSync.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Jobs;

/// <summary>All of the sync engine's schedules, in one place (called once by the web host).</summary>
public static partial class SyncSchedule
{
    public static IServiceProvider UseLeadSyncSchedule(this IServiceProvider services)
    {
        // Read at every tick, so an interval changed on the Settings page applies without restart.
        var options = services.GetRequiredService<IOptionsMonitor<SyncOptions>>();
        var clock = services.GetRequiredService<SyncClock>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SyncSchedule));
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        services.UseScheduler(scheduler => ScheduleJobs(scheduler, options, clock)).OnError(ex =>
        {
            if (IsShutdown(ex, stopping))
            {
                LogScheduledJobStopped(logger);
            }
            else
            {
                logger.LogError(ex, "A scheduled sync job failed");
            }
        });
        services.ConfigureQueue().OnError(ex =>
        {
            if (IsShutdown(ex, stopping))
            {
                LogQueuedJobStopped(logger);
            }
            else
            {
                logger.LogError(ex, "A queued sync job failed");
            }
        });
        return services;
    }

    /// <summary>The recurring jobs: the interval ones tick every second and run when <see cref="SyncClock"/> says they are due.</summary>
    private static void ScheduleJobs(IScheduler scheduler, IOptionsMonitor<SyncOptions> options, SyncClock clock)
    {
        scheduler.Schedule<SweepOutboxJob>().EverySecond()
            .When(() => Task.FromResult(clock.IsDue(nameof(SweepOutboxJob), options.CurrentValue.SweepInterval, runAtStart: true)))
            .PreventOverlapping(nameof(SweepOutboxJob));
        scheduler.Schedule<ResumeBulkWritesJob>().EverySecond()
            .When(() => Task.FromResult(clock.IsDue(nameof(ResumeBulkWritesJob), options.CurrentValue.BulkWritePollInterval, runAtStart: true)))
            .PreventOverlapping(nameof(ResumeBulkWritesJob));
        scheduler.Schedule<PullFromZohoJob>().EverySecond()
            .When(() => Task.FromResult(clock.IsDue(nameof(PullFromZohoJob), options.CurrentValue.PullInterval, runAtStart: true)))
            .PreventOverlapping(nameof(PullFromZohoJob));
        scheduler.Schedule<ProbeZohoAuthorizationJob>().EverySecond()
            .When(() => Task.FromResult(clock.IsDue(nameof(ProbeZohoAuthorizationJob), options.CurrentValue.AuthProbeInterval)))
            .PreventOverlapping(nameof(ProbeZohoAuthorizationJob));
        scheduler.Schedule<RenewWebhookChannelJob>().Hourly().PreventOverlapping(nameof(RenewWebhookChannelJob));
        scheduler.Schedule<RefreshFieldMetadataJob>().Daily().PreventOverlapping(nameof(RefreshFieldMetadataJob));
        scheduler.Schedule<CleanupSyncHistoryJob>().Daily().RunOnceAtStart().PreventOverlapping(nameof(CleanupSyncHistoryJob));
        scheduler.Schedule<CompactLeadCountsJob>().EveryFiveSeconds().PreventOverlapping(nameof(CompactLeadCountsJob));
    }

    /// <summary>A job cancelled because the application is stopping ended as asked: that is not a failure.</summary>
    private static bool IsShutdown(Exception exception, CancellationToken stopping) =>
        exception is OperationCanceledException && stopping.IsCancellationRequested;

    [LoggerMessage(Level = LogLevel.Information, Message = "A scheduled sync job stopped: the application is stopping")]
    private static partial void LogScheduledJobStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "A queued sync job stopped: the application is stopping")]
    private static partial void LogQueuedJobStopped(ILogger logger);
}
