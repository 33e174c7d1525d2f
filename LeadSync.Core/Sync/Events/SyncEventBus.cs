using System.Collections.Immutable;

namespace LeadSync.Core.Sync.Events;

/// <summary>
/// The in-process event stream (singleton): every subscriber gets its own bounded channel, so a slow console
/// circuit loses old events instead of slowing the engine.
/// </summary>
public sealed class SyncEventBus(IEnumerable<ISyncEventRelay> relays) : ISyncEventSink
{
    public const int SubscriberCapacity = 1024;

    private readonly ISyncEventRelay[] relays = relays.ToArray();
    private ImmutableArray<SyncEventSubscription> subscribers = [];

    public SyncEventSubscription Subscribe(int capacity = SubscriberCapacity)
    {
        var subscription = new SyncEventSubscription(capacity, Remove);
        ImmutableInterlocked.Update(ref subscribers, list => list.Add(subscription));
        return subscription;
    }

    public void Publish(SyncEvent syncEvent)
    {
        ArgumentNullException.ThrowIfNull(syncEvent);
        Deliver(syncEvent);
        foreach (var relay in relays)
        {
            relay.Forward(syncEvent);
        }
    }

    /// <summary>Delivers an event that came from another instance to this instance's subscribers only.</summary>
    public void PublishFromRelay(SyncEvent syncEvent)
    {
        ArgumentNullException.ThrowIfNull(syncEvent);
        Deliver(syncEvent);
    }

    private void Deliver(SyncEvent syncEvent)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Write(syncEvent);
        }
    }

    private void Remove(SyncEventSubscription subscription) =>
        ImmutableInterlocked.Update(ref subscribers, list => list.Remove(subscription));
}
