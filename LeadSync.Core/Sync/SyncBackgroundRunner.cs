using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadSync.Core.Sync;

/// <summary>Runs long sync work in the background, cancelled when the application stops; callers get the run id at once.</summary>
public sealed partial class SyncBackgroundRunner(IHostApplicationLifetime lifetime, ILogger<SyncBackgroundRunner> logger)
{
    public void Run(Func<CancellationToken, Task> work)
    {
        var token = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
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
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background sync work failed")]
    private partial void LogBackgroundFailed(Exception exception);
}
