using System.Collections.Immutable;
using System.Threading.Channels;
using LeadSync.Core.Sync.Events;

namespace LeadSync.Web.Realtime;

/// <summary>
/// The console's single subscription to Core's <see cref="SyncEventBus"/> (eShop's OrderStatusNotificationService
/// pattern): components subscribe here, buffer what they need and call <c>InvokeAsync(StateHasChanged)</c> on their own
/// schedule. Handlers run on the pump and must not block. Also keeps <see cref="Runs"/> (running and recently finished
/// runs) current, so a page that subscribes late still finds a run's progress or outcome.
/// </summary>
public sealed partial class LiveSyncEvents(SyncEventBus bus, LiveRunTracker runs, ILogger<LiveSyncEvents> logger) : SyncEventConsumer(bus)
{
    private ImmutableArray<Subscriber> subscribers = [];

    public LiveRunTracker Runs => runs;

    /// <summary>Calls <paramref name="handler"/> for every sync event of this and (when relayed) other instances. Dispose to stop.</summary>
    public IDisposable Subscribe(Action<SyncEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscriber = new Subscriber(handler, this);
        ImmutableInterlocked.Update(ref subscribers, list => list.Add(subscriber));
        return subscriber;
    }

    protected override async Task ConsumeAsync(ChannelReader<SyncEvent> events, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var syncEvent in events.ReadAllAsync(stoppingToken))
            {
                Dispatch(syncEvent);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Hands one event to the run tracker and every subscriber (the pump calls this; tests may too).</summary>
    internal void Dispatch(SyncEvent syncEvent)
    {
        runs.Apply(syncEvent);
        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber.Handler(syncEvent);
            }
            catch (Exception ex)
            {
                LogHandlerFailed(ex, syncEvent.GetType().Name);
            }
        }
    }

    private void Remove(Subscriber subscriber) => ImmutableInterlocked.Update(ref subscribers, list => list.Remove(subscriber));

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live sync-event subscriber failed on {EventType}")]
    private partial void LogHandlerFailed(Exception exception, string eventType);

    private sealed class Subscriber(Action<SyncEvent> handler, LiveSyncEvents owner) : IDisposable
    {
        public Action<SyncEvent> Handler => handler;

        public void Dispose() => owner.Remove(this);
    }
}
