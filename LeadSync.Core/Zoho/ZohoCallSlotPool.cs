namespace LeadSync.Core.Zoho;

/// <summary>
/// The call slots this instance keeps between calls (<see cref="ZohoCallSlots"/>): each kept slot with the generation it
/// was kept in, so a give-back timer started for one idle spell does not give back a slot a later call is using.
/// </summary>
internal sealed class ZohoCallSlotPool
{
    private readonly Lock gate = new();
    private readonly List<(ZohoCallSlotLease Lease, long Generation)> idle = [];
    private long generations;
    private long yieldUntilTicks;

    /// <summary>Until when this instance lets other instances take slots first (it just gave one back for its age).</summary>
    public DateTimeOffset? YieldUntil
    {
        get => Interlocked.Read(ref yieldUntilTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        set => Interlocked.Exchange(ref yieldUntilTicks, value?.UtcTicks ?? 0);
    }

    /// <summary>Keeps <paramref name="lease"/> for the next call; returns the generation its give-back timer checks.</summary>
    public long Keep(ZohoCallSlotLease lease)
    {
        lock (gate)
        {
            var generation = ++generations;
            idle.Add((lease, generation));
            return generation;
        }
    }

    /// <summary>A kept slot for a call (the most recently kept: the others are the first to go idle long enough to give back).</summary>
    public bool TryTake(out ZohoCallSlotLease lease)
    {
        lock (gate)
        {
            if (idle.Count == 0)
            {
                lease = null!;
                return false;
            }

            lease = idle[^1].Lease;
            idle.RemoveAt(idle.Count - 1);
            return true;
        }
    }

    /// <summary>Removes <paramref name="lease"/> if it is still idle since <paramref name="generation"/>; true when it was.</summary>
    public bool TryRemoveIdle(ZohoCallSlotLease lease, long generation)
    {
        lock (gate)
        {
            return idle.Remove((lease, generation));
        }
    }

    /// <summary>
    /// Whether <paramref name="lease"/> may still serve a call starting at <paramref name="now"/> that may last
    /// <paramref name="call"/>: taken less than <see cref="ZohoCallSlots.KeepFor"/> ago, and leased past that call's end.
    /// </summary>
    public static bool IsFresh(ZohoCallSlotLease lease, DateTimeOffset now, TimeSpan call) =>
        now < lease.TakenAt + ZohoCallSlots.KeepFor && now + call <= lease.HeldUntil;

    /// <summary>Removes the kept slots that are no longer fresh (<see cref="IsFresh"/>) for such a call.</summary>
    public List<ZohoCallSlotLease> TakeStale(DateTimeOffset now, TimeSpan call)
    {
        lock (gate)
        {
            var stale = idle.Where(k => !IsFresh(k.Lease, now, call)).ToList();
            idle.RemoveAll(stale.Contains);
            return stale.Select(k => k.Lease).ToList();
        }
    }

    /// <summary>Removes every kept slot.</summary>
    public List<ZohoCallSlotLease> TakeAll()
    {
        lock (gate)
        {
            var all = idle.Select(k => k.Lease).ToList();
            idle.Clear();
            return all;
        }
    }
}
