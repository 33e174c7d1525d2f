using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.State;
using LeadSync.Tests.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadSync.Tests.Core.Outbox;

/// <summary>
/// Entries a bulk push reserves for its run (<see cref="OutboxReservation"/>) are due for that run alone until the
/// reservation ends — the ordinary claim does not even walk past them — and for any drain after it, on a SQLite database.
/// </summary>
public sealed class OutboxReservationTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private (OutboxClaimer Claimer, FakeTimeProvider Clock) NewClaimer(string instanceId)
    {
        var clock = new FakeTimeProvider(Start);
        var options = new SyncOptions { InstanceId = instanceId };
        var claimer = new OutboxClaimer(database.Contexts, new TestOptionsMonitor<SyncOptions>(options), new SyncInstance(Options.Create(options)), new SqliteWriteGate(), clock);
        return (claimer, clock);
    }

    private async Task<List<Guid>> ReservedLeadsAsync(string prefix, int count, OutboxReservation reservation)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Ct);
        var leads = Enumerable.Range(0, count)
            .Select(i => LeadSyncTransitions.NewLocal(new LeadFields("Res", $"Lead {i}", $"{prefix}.{i}@example.com", null, null, null), Start))
            .ToList();
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync(Ct);
        var ids = leads.Select(l => l.Id).ToList();
        await LeadSyncTransitions.QueueManyAsync(db, d => d.Leads.Where(l => ids.Contains(l.Id)), ChangeSource.Manual, Start, Ct, reservation);
        return ids;
    }

    private async Task<List<OutboxEntry>> EntriesAsync(List<Guid> leadIds)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Ct);
        return await db.Set<OutboxEntry>().AsNoTracking().Where(e => leadIds.Contains(e.LeadId)).ToListAsync(Ct);
    }

    [Fact]
    public async Task Reserved_entries_wait_out_of_the_ordinary_claims_way_and_are_the_runs_to_take_due_now()
    {
        var reservation = new OutboxReservation(Guid.NewGuid(), Start.AddMinutes(10));
        var ids = await ReservedLeadsAsync("reserved.run", 3, reservation);
        var (claimer, clock) = NewClaimer("instance-a");
        clock.Advance(TimeSpan.FromSeconds(1));

        var ordinary = await claimer.ClaimAsync(100, mayLinger: false, Ct);
        var entries = await EntriesAsync(ids);
        var taken = await claimer.ClaimReservedAsync(reservation.RunId, 100, Ct);

        Assert.DoesNotContain(ordinary, c => ids.Contains(c.LeadId));
        Assert.All(entries, e => Assert.Equal((reservation.RunId, reservation.Until), (e.ReservedFor!.Value, e.NextAttemptAt)));
        Assert.Equal(ids.ToHashSet(), taken.Select(c => c.LeadId).ToHashSet());
        var after = await EntriesAsync(ids);
        Assert.All(after, e => Assert.Equal(((Guid?)null, clock.GetUtcNow(), "instance-a"), (e.ReservedFor, e.NextAttemptAt, e.ClaimedBy)));
    }

    [Fact]
    public async Task Entries_whose_reservation_ended_without_the_run_go_to_any_drain_and_the_run_can_no_longer_take_them()
    {
        var reservation = new OutboxReservation(Guid.NewGuid(), Start.AddMinutes(10));
        var ids = await ReservedLeadsAsync("reserved.gone", 2, reservation);
        var (claimer, clock) = NewClaimer("instance-b");

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1)); // the run's instance died: nobody renewed it
        var ordinary = await claimer.ClaimAsync(100, mayLinger: false, Ct);
        var late = await claimer.ClaimReservedAsync(reservation.RunId, 100, Ct);

        Assert.Equal(ids.ToHashSet(), ordinary.Where(c => ids.Contains(c.LeadId)).Select(c => c.LeadId).ToHashSet());
        Assert.Empty(late); // in flight with this drain: the run must not send them a second time
        var entries = await EntriesAsync(ids);
        Assert.All(entries, e => Assert.Equal(((Guid?)null, "instance-b"), (e.ReservedFor, e.ClaimedBy)));
    }

    [Fact]
    public async Task The_end_of_a_runs_reservation_makes_what_it_did_not_take_due_now_for_any_drain()
    {
        var reservation = new OutboxReservation(Guid.NewGuid(), Start.AddMinutes(10));
        var ids = await ReservedLeadsAsync("reserved.end", 2, reservation);
        var (claimer, clock) = NewClaimer("instance-c");
        clock.Advance(TimeSpan.FromSeconds(5));

        await claimer.EndReservationAsync(reservation.RunId);
        var ordinary = await claimer.ClaimAsync(100, mayLinger: false, Ct);

        Assert.Equal(ids.ToHashSet(), ordinary.Where(c => ids.Contains(c.LeadId)).Select(c => c.LeadId).ToHashSet());
    }
}
