using System.Threading.Channels;

namespace LeadSync.Core.Sync.Events;

/// <summary>One subscriber's bounded queue of events (oldest dropped when full). Dispose to unsubscribe.</summary>
public sealed class SyncEventSubscription : IDisposable
{
    private readonly Channel<SyncEvent> channel;
    private readonly Action<SyncEventSubscription> unsubscribe;

    internal SyncEventSubscription(int capacity, Action<SyncEventSubscription> unsubscribe)
    {
        channel = Channel.CreateBounded<SyncEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        this.unsubscribe = unsubscribe;
    }

    public ChannelReader<SyncEvent> Reader => channel.Reader;

    internal void Write(SyncEvent syncEvent) => channel.Writer.TryWrite(syncEvent);

    public void Dispose()
    {
        unsubscribe(this);
        channel.Writer.TryComplete();
    }
}
