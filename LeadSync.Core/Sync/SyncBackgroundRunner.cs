using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadSync.Core.Sync;

/// <summary>
/// Runs long sync work in the background, cancelled when the application stops; callers get the run id at once.
/// At shutdown the host waits for that work to wind down, so a cancelled run still records how it ended.
/// </summary>
public sealed partial class SyncBackgroundRunner(IHostApplicationLifetime lifetime, ILogger<SyncBackgroundRunner> logger) : IHostedService
{
    private readonly ConcurrentDictionary<Task, byte> running = new();

    public void Run(Func<CancellationToken, Task> work)
    {
        var token = lifetime.ApplicationStopping;
        var task = Task.Run(async () =>
        {
            try
            {
                await work(token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                LogBackgroundFailed(ex);
            }
        }, CancellationToken.None);
        running.TryAdd(task, 0);
        _ = task.ContinueWith(done => running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits (within the host's shutdown timeout) for work already cancelled by ApplicationStopping to finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(running.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogShutdownTimedOut(running.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background sync work failed")]
    private partial void LogBackgroundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown did not wait for {Count} background sync tasks: the host's shutdown timeout passed")]
    private partial void LogShutdownTimedOut(int count);
}
