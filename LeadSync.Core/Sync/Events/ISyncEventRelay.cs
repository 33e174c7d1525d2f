namespace LeadSync.Core.Sync.Events;

/// <summary>
/// The port for carrying events to other LeadSync instances (implemented in Web, e.g. over PostgreSQL NOTIFY or a
/// hub). <see cref="Forward"/> is called for every event published on this instance and must not block; events
/// arriving from elsewhere go to <see cref="SyncEventBus.PublishFromRelay"/>, which is never forwarded again.
/// </summary>
public interface ISyncEventRelay
{
    void Forward(SyncEvent syncEvent);
}
