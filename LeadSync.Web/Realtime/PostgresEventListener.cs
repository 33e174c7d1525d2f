using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LeadSync.Web.Realtime;

/// <summary>
/// Receives other instances' sync events: a dedicated connection that <c>LISTEN</c>s on the channel and hands each
/// notification to <see cref="SyncEventBus.PublishFromRelay"/> (never forwarded again). Its own echoes are ignored by
/// instance id. When the connection drops it reconnects after <see cref="PostgresEventOptions.ReconnectDelay"/> and
/// publishes a local <see cref="LeadsChanged"/>, so open pages reload whatever they may have missed meanwhile.
/// </summary>
public sealed partial class PostgresEventListener(
    [FromKeyedServices(RealtimeServiceCollectionExtensions.DataSourceKey)] NpgsqlDataSource dataSource,
    SyncEventBus bus,
    IOptions<PostgresEventOptions> options,
    SyncInstance instance,
    TimeProvider clock,
    ILogger<PostgresEventListener> logger) : BackgroundService
{
    /// <summary>Completed once the first LISTEN is in place (tests wait for it).</summary>
    public Task Listening => listening.Task;

    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(reconnecting, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                LogListenFailed(ex);
                reconnecting = true;
                try
                {
                    await Task.Delay(options.Value.ReconnectDelay, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One connection's life: LISTEN, then relay its notifications until it fails or the app stops.</summary>
    private async Task ListenAsync(bool reconnecting, CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += OnNotification;
        await using (var command = new NpgsqlCommand($"LISTEN {options.Value.Channel}", connection))
        {
            await command.ExecuteNonQueryAsync(stoppingToken);
        }

        listening.TrySetResult();
        if (reconnecting)
        {
            // Whatever other instances did while the connection was down was missed: open pages reload.
            LogReconnected();
            bus.PublishFromRelay(new LeadsChanged(clock.GetUtcNow(), instance.Id, 0, null));
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs args)
    {
        try
        {
            var syncEvent = SyncEventJson.Deserialize(args.Payload);
            if (syncEvent is not null && syncEvent.InstanceId != instance.Id)
            {
                bus.PublishFromRelay(syncEvent);
            }
        }
        catch (System.Text.Json.JsonException ex)
        {
            LogBadPayload(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for other instances' sync events failed; reconnecting")]
    private partial void LogListenFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for other instances' sync events again")]
    private partial void LogReconnected();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed sync-event notification")]
    private partial void LogBadPayload(Exception exception);
}
