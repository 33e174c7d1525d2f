using System.Text;
using System.Threading.Channels;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LeadSync.Web.Realtime;

/// <summary>
/// Core's <see cref="ISyncEventRelay"/> on PostgreSQL: every event published on this instance goes out with
/// <c>pg_notify(channel, json)</c> (in order, from a background sender, so <see cref="Forward"/> never blocks the
/// engine). Payloads must stay under PostgreSQL's 8000-byte limit: a larger one is replaced by a <see cref="LeadsChanged"/>
/// ("reload"), which is always small. <see cref="PostgresEventListener"/> receives them on the other instances.
/// </summary>
public sealed partial class PostgresEventRelay(
    [FromKeyedServices(RealtimeServiceCollectionExtensions.DataSourceKey)] NpgsqlDataSource dataSource,
    IOptions<PostgresEventOptions> options,
    SyncInstance instance,
    ILogger<PostgresEventRelay> logger) : BackgroundService, ISyncEventRelay
{
    /// <summary>PostgreSQL refuses NOTIFY payloads of 8000 bytes or more.</summary>
    public const int MaxPayloadBytes = 7999;

    private readonly Channel<SyncEvent> outgoing = Channel.CreateBounded<SyncEvent>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public void Forward(SyncEvent syncEvent) => outgoing.Writer.TryWrite(syncEvent);

    /// <summary>The NOTIFY payload for an event: its JSON, or a small "reload" when the JSON is too large.</summary>
    public static string PayloadFor(SyncEvent syncEvent)
    {
        ArgumentNullException.ThrowIfNull(syncEvent);
        var json = SyncEventJson.Serialize(syncEvent);
        return Encoding.UTF8.GetByteCount(json) <= MaxPayloadBytes
            ? json
            : SyncEventJson.Serialize(new LeadsChanged(syncEvent.At, syncEvent.InstanceId, 0, null));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sql = "SELECT pg_notify(@channel, @payload)";
        try
        {
            while (await outgoing.Reader.WaitToReadAsync(stoppingToken))
            {
                try
                {
                    await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                    while (outgoing.Reader.TryPeek(out var syncEvent))
                    {
                        if (syncEvent.InstanceId == instance.Id)
                        {
                            await using var command = new NpgsqlCommand(sql, connection);
                            command.Parameters.AddWithValue("channel", options.Value.Channel);
                            command.Parameters.AddWithValue("payload", PayloadFor(syncEvent));
                            await command.ExecuteNonQueryAsync(stoppingToken);
                        }

                        outgoing.Reader.TryRead(out _);
                    }
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
                {
                    LogNotifyFailed(ex);
                    await Task.Delay(options.Value.ReconnectDelay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying sync events with NOTIFY failed; retrying")]
    private partial void LogNotifyFailed(Exception exception);
}
