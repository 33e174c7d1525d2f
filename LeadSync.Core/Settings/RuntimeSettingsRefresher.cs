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
        // Start once every hosted service has started (the migrations have run by then).
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        while (!stoppingToken.IsCancellationRequested)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Run-time settings changed in the database; applied")]
    private static partial void LogReloaded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the run-time settings yet; retrying")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
