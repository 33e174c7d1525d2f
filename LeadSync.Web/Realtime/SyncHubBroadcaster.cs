using System.Threading.Channels;
using LeadSync.Core.Sync.Events;
using Microsoft.AspNetCore.SignalR;

namespace LeadSync.Web.Realtime;

/// <summary>
/// Forwards the sync events to every <see cref="SyncHub"/> client, coalesced: each pass sends what arrived since the
/// last one — lead-state changes as one <c>LeadStatesChanged</c> array (latest state per lead), only the latest
/// progress per run — and then waits <see cref="RenderThrottle.DefaultInterval"/>, so a client gets about ten
/// batches a second at most however fast the engine works.
/// </summary>
public sealed partial class SyncHubBroadcaster(
    SyncEventBus bus, IHubContext<SyncHub> hub, TimeProvider clock, ILogger<SyncHubBroadcaster> logger) : SyncEventConsumer(bus)
{
    protected override async Task ConsumeAsync(ChannelReader<SyncEvent> events, CancellationToken stoppingToken)
    {
        try
        {
            while (await events.WaitToReadAsync(stoppingToken))
            {
                var leads = new Dictionary<Guid, LeadStateChanged>();
                var progress = new Dictionary<Guid, RunProgress>();
                var others = new List<(string Name, SyncEvent Payload)>();
                while (events.TryRead(out var syncEvent))
                {
                    switch (syncEvent)
                    {
                        case LeadStateChanged lead:
                            leads[lead.LeadId] = lead;
                            break;
                        case RunProgress run:
                            progress[run.RunId] = run;
                            break;
                        default:
                            others.Add((syncEvent.GetType().Name, syncEvent));
                            break;
                    }
                }

                await SendAsync(leads, progress, others, stoppingToken);
                await Task.Delay(RenderThrottle.DefaultInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(
        Dictionary<Guid, LeadStateChanged> leads, Dictionary<Guid, RunProgress> progress, List<(string Name, SyncEvent Payload)> others,
        CancellationToken cancellationToken)
    {
        try
        {
            if (leads.Count > 0)
            {
                await hub.Clients.All.SendAsync(SyncHubMessages.LeadStatesChanged, leads.Values.ToArray(), cancellationToken);
            }

            foreach (var run in progress.Values)
            {
                await hub.Clients.All.SendAsync(SyncHubMessages.RunProgress, run, cancellationToken);
            }

            foreach (var (name, payload) in others)
            {
                // The runtime type, so clients get every field of the concrete event.
                await hub.Clients.All.SendAsync(name, (object)payload, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending sync events to hub clients failed")]
    private partial void LogSendFailed(Exception exception);
}
