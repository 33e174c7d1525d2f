using Microsoft.Extensions.Hosting;

namespace LeadSync.Core.Webhooks;

/// <summary>
/// Once the app listens (so Zoho — or the built-in sandbox — can reach the callback, and migrations have run),
/// enables or renews the watch channel in the background.
/// </summary>
public sealed class WebhookChannelStartup(WebhookChannelManager manager, IHostApplicationLifetime lifetime) : IHostedService
{
    private Task? running;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => running = Task.Run(() => manager.EnsureChannelAsync(lifetime.ApplicationStopping), CancellationToken.None));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (running is { } task)
        {
            try
            {
                await task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the hourly job tries again on the next start.
            }
        }
    }
}
