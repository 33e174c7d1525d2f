using LeadSync.Core.Sync.Events;

namespace LeadSync.Web.Realtime;

/// <summary>
/// Collects lead-state changes between two renders of a leads view: which leads changed, and whether a bulk change
/// (<see cref="LeadsChanged"/>, or a reconnect) asks for a full reload. Thread-safe.
/// </summary>
public sealed class LeadChangeBuffer
{
    private readonly Lock gate = new();
    private HashSet<Guid> changed = [];
    private bool reloadAll;

    /// <summary>Records the event when it concerns leads; returns false for events a leads view ignores.</summary>
    public bool Add(SyncEvent syncEvent)
    {
        lock (gate)
        {
            switch (syncEvent)
            {
                case LeadStateChanged lead:
                    changed.Add(lead.LeadId);
                    return true;
                case LeadsChanged:
                    reloadAll = true;
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>Asks for a full reload (e.g. after the event stream reconnected and events may have been missed).</summary>
    public void ReloadAll()
    {
        lock (gate)
        {
            reloadAll = true;
        }
    }

    /// <summary>Takes what accumulated and starts over.</summary>
    public (IReadOnlySet<Guid> LeadIds, bool ReloadAll) Take()
    {
        lock (gate)
        {
            var result = (changed, reloadAll);
            changed = [];
            reloadAll = false;
            return result;
        }
    }
}
