using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Settings;

/// <summary>
/// Loads the stored run-time settings once the application has started, and then every <see cref="RuntimeSettingsOptions.PollInterval"/>, so a
/// save made on another instance applies here too. Failures (e.g. the table not migrated yet) are retried soon.
/// </summary>
public sealed partial class RuntimeSettingsRefresher(
    RuntimeSettings settings,
    IOptions<RuntimeSettingsOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<RuntimeSettingsRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ApplicationStartedAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = await ReloadAsync(stoppingToken);
            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits until every hosted service has started (the migrations have run by then); false when stopped first.</summary>
    private async Task<bool> ApplicationStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>Reloads the stored settings once; returns how long to wait before the next reload (sooner after a failure).</summary>
    private async Task<TimeSpan> ReloadAsync(CancellationToken stoppingToken)
    {
        var delay = options.Value.PollInterval;
        try
        {
            if (await settings.ReloadAsync(stoppingToken))
            {
                LogReloaded(logger);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReloadFailed(logger, ex);
            delay = RetryDelay;
        }

        return delay;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run-time settings changed in the database; applied")]
    private static partial void LogReloaded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the run-time settings yet; retrying")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
