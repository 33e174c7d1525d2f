using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadSync.Core.Webhooks;

/// <summary>
/// Once the app listens (so Zoho — or the app's built-in Zoho endpoint — can reach the callback, and migrations have run),
/// enables or renews the watch channel in the background.
/// </summary>
public sealed partial class WebhookChannelStartup(
    WebhookChannelManager manager, IHostApplicationLifetime lifetime, ILogger<WebhookChannelStartup> logger) : IHostedService
{
    private Task? running;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => running = Task.Run(() => EnsureAsync(lifetime.ApplicationStopping), CancellationToken.None));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (running is { } task)
        {
            await task.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        try
        {
            await manager.EnsureChannelAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the hourly job tries again after the next start.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogStartupFailed(ex); // The hourly job tries again; the scheduled pull covers the gap.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The Zoho watch channel could not be checked at startup")]
    private partial void LogStartupFailed(Exception exception);
}
