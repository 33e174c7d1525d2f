namespace LeadSync.Core.Sync.Events;

/// <summary>Where the engine publishes its events. Publishing never blocks and never throws.</summary>
public interface ISyncEventSink
{
    void Publish(SyncEvent syncEvent);
}
