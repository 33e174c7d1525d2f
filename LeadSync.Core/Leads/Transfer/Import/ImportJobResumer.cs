using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// Once the app has started (migrations ran), and then every half minute, resumes the import jobs nobody holds: those a
/// stopped or crashed process left Running (their lease ran out or was given back), on this instance or any other. A
/// resumed job goes on after its last committed batch, so no row is written twice.
/// </summary>
public sealed partial class ImportJobResumer(LeadImportJobs jobs, IHostApplicationLifetime lifetime, ILogger<ImportJobResumer> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        using var timer = new PeriodicTimer(Every);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await jobs.ResumeUnheldAsync(stoppingToken) is > 0 and var count)
                {
                    LogResumed(count);
                }

                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogResumeFailed(ex);
                await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed {Count} import jobs left unfinished")]
    private partial void LogResumed(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import jobs left unfinished could not be resumed")]
    private partial void LogResumeFailed(Exception exception);
}
