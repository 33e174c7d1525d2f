using LeadSync.Core.Zoho;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>The call slots an instance keeps between calls (<see cref="ZohoCallSlotPool"/>).</summary>
public sealed class ZohoCallSlotPoolTests
{
    private static readonly DateTimeOffset Taken = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static ZohoCallSlotLease Lease(int slot) => new(slot, $"instance/{slot}", Taken, Taken + TimeSpan.FromSeconds(60));

    [Fact]
    public void A_give_back_timer_of_an_earlier_idle_spell_does_not_take_a_slot_kept_again_since()
    {
        var pool = new ZohoCallSlotPool();
        var lease = Lease(0);
        var first = pool.Keep(lease);
        Assert.True(pool.TryTake(out var taken)); // the next call uses it…
        Assert.Same(lease, taken);
        var second = pool.Keep(lease); // …and keeps it again

        Assert.False(pool.TryRemoveIdle(lease, first)); // the first spell's timer finds it busy since
        Assert.True(pool.TryRemoveIdle(lease, second));
        Assert.False(pool.TryTake(out _));
    }

    [Fact]
    public void A_call_takes_the_slot_kept_last_so_the_others_go_idle_and_back()
    {
        var pool = new ZohoCallSlotPool();
        pool.Keep(Lease(0));
        pool.Keep(Lease(1));

        Assert.True(pool.TryTake(out var taken));
        Assert.Equal(1, taken.Slot);
    }

    [Fact]
    public void Slots_kept_too_long_or_whose_lease_no_longer_covers_a_call_are_stale()
    {
        var pool = new ZohoCallSlotPool();
        pool.Keep(Lease(0));
        pool.Keep(Lease(1) with { HeldUntil = Taken + TimeSpan.FromSeconds(32) });

        Assert.Empty(pool.TakeStale(Taken + TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));
        var stale = pool.TakeStale(Taken + TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30)); // slot 1's lease would end before a call did
        Assert.Equal([1], stale.Select(l => l.Slot));
        Assert.Equal([0], pool.TakeStale(Taken + ZohoCallSlots.KeepFor, TimeSpan.FromSeconds(1)).Select(l => l.Slot)); // kept long enough
        Assert.False(pool.TryTake(out _));
    }
}
