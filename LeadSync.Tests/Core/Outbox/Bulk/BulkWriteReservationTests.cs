using LeadSync.Core.Outbox;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadSync.Tests.Core.Outbox.Bulk;

/// <summary>
/// A bulk push's reservation of the entries not yet in a job is kept alive on a timer, not rewritten before every job (a
/// million-lead push rewrote about twenty million rows that way), and stops being renewed when the push ends.
/// </summary>
public sealed class BulkWriteReservationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_reservation_is_renewed_every_third_of_its_lease_while_the_push_runs_and_no_longer_after()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        // Due in an hour, so the engine's own drain leaves them alone; reserved here the way a bulk push reserves them.
        await BulkWriteHost.AddAsync(app, BulkWriteHost.Leads("reserve", 5), dueIn: TimeSpan.FromHours(1));
        var claimer = app.Services.GetRequiredService<OutboxClaimer>();
        var runId = Guid.NewGuid();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(1)); // renewals are told apart from the reservation by their day
        Assert.Equal(5, await app.QueryAsync(db => db.Set<OutboxEntry>().ExecuteUpdateAsync(
            s => s.SetProperty(e => e.ReservedFor, runId).SetProperty(e => e.ClaimedUntil, DateTimeOffset.UtcNow + BulkPush.ReservationLease), Token)));
        using var push = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var keeper = ReservationKeeper.KeepAsync(claimer, runId, time, push.Token);
        time.Advance(BulkPush.ReservationLease / 3);
        var renewedUntil = time.GetUtcNow() + BulkPush.ReservationLease;
        await Eventually.TrueAsync(async () => (await HeldUntilAsync(app, runId)).All(u => u == renewedUntil), "the reservation is renewed a third of the lease on");

        time.Advance(BulkPush.ReservationLease / 6); // half way to the next renewal: nothing is written
        Assert.All(await HeldUntilAsync(app, runId), u => Assert.Equal(renewedUntil, u));

        await push.CancelAsync();
        await keeper; // ends quietly with the push
        time.Advance(BulkPush.ReservationLease);
        Assert.All(await HeldUntilAsync(app, runId), u => Assert.Equal(renewedUntil, u));
    }

    private static Task<List<DateTimeOffset?>> HeldUntilAsync(LeadSyncAppFactory app, Guid runId) =>
        app.QueryAsync(db => db.Set<OutboxEntry>().Where(e => e.ReservedFor == runId).Select(e => e.ClaimedUntil).ToListAsync(Token));
}
