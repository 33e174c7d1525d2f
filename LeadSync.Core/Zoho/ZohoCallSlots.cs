using LeadSync.Core.Data;
using LeadSync.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>
/// <see cref="IZohoCallGate"/> across instances. On PostgreSQL each call holds one of <c>Zoho:MaxConcurrency</c> rows of
/// <c>ZohoCallSlots</c> (taken with <c>FOR UPDATE SKIP LOCKED</c>, leased for the call's own timeout — a Bulk Read
/// download's fifteen minutes included — and a margin), so N
/// instances together never have more calls in flight than the org allows; while none is free the call waits, polling.
/// A slot a call has finished with is kept for this instance's next call (<see cref="ZohoCallSlotPool"/>) while its lease
/// still covers a whole call and for at most <see cref="KeepFor"/> after it was taken, and given back once no call has
/// wanted it for <see cref="IdleFor"/>: a busy drain's calls then cost no database round trip each (two did: 10–20 ms
/// of every call slot on a loaded server, decision 0006), and other instances still get their turn.
/// On SQLite (one instance per file) the client's own limit is the whole deployment's and this admits every call.
/// </summary>
internal sealed class ZohoCallSlots(
    IDbContextFactory<LeadSyncDbContext> contexts, IOptionsMonitor<ZohoOptions> options, SyncInstance instance, TimeProvider clock) : IZohoCallGate, IAsyncDisposable
{
    /// <summary>How long a slot taken from the database may be kept for this instance's calls before it goes back.</summary>
    internal static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(5);

    /// <summary>How long a kept slot waits unused before it goes back.</summary>
    internal static readonly TimeSpan IdleFor = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(15);
    private readonly ZohoCallSlotPool pool = new();
    private bool? shared;
    private int slotsEnsured;

    /// <summary>How long a kept slot's lease must still run to serve a call of <paramref name="callTimeout"/>: the call and half the margin.</summary>
    private static TimeSpan KeptSlotMustCover(TimeSpan callTimeout) => callTimeout + (LeaseMargin / 2);

    public async ValueTask<IAsyncDisposable> EnterAsync(TimeSpan callTimeout, CancellationToken cancellationToken)
    {
        if (!await IsSharedAsync(cancellationToken))
        {
            return NoSlot.Instance;
        }

        var now = clock.GetUtcNow();
        // A kept slot whose lease would end under this call (a download's 15 minutes) goes back: the call takes its own.
        foreach (var stale in pool.TakeStale(now, KeptSlotMustCover(callTimeout)))
        {
            await ReleaseAsync(stale);
        }

        if (pool.TryTake(out var kept))
        {
            return new HeldSlot(this, kept);
        }

        var max = options.CurrentValue.MaxConcurrency;
        await EnsureSlotsAsync(max, cancellationToken);
        if (pool.YieldUntil is { } yieldUntil && yieldUntil > now)
        {
            // This instance just gave a slot back because it had kept it long enough: the other instances' polls come first.
            await Task.Delay(yieldUntil - now, clock, cancellationToken);
        }

        var holder = $"{instance.Id}/{Guid.NewGuid():N}";
        while (true)
        {
            if (await TryTakeAsync(holder, max, callTimeout, cancellationToken) is { } slot)
            {
                return new HeldSlot(this, slot);
            }

            await Task.Delay(PollEvery + TimeSpan.FromMilliseconds(Random.Shared.Next(10)), clock, cancellationToken);
        }
    }

    /// <summary>Gives every kept slot back (the host is stopping).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var lease in pool.TakeAll())
        {
            await GiveBackQuietlyAsync(lease);
        }
    }

    private async ValueTask<bool> IsSharedAsync(CancellationToken cancellationToken)
    {
        if (shared is { } known)
        {
            return known;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        shared = db.Provider == DatabaseProvider.Postgres;
        return shared.Value;
    }

    /// <summary>Creates the slot rows up to <paramref name="max"/> (once per size; rows past a lowered limit are never taken).</summary>
    private async Task EnsureSlotsAsync(int max, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref slotsEnsured) >= max)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        for (var slot = 0; slot < max; slot++)
        {
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "ZohoCallSlots" ("Slot", "Holder", "HeldUntil") VALUES ({slot}, NULL, NULL) ON CONFLICT ("Slot") DO NOTHING""",
                cancellationToken);
        }

        Volatile.Write(ref slotsEnsured, max);
    }

    private async Task<ZohoCallSlotLease?> TryTakeAsync(string holder, int max, TimeSpan callTimeout, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + callTimeout + LeaseMargin;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var taken = await db.Database.SqlQuery<int>($"""
            UPDATE "ZohoCallSlots" SET "Holder" = {holder}, "HeldUntil" = {until}
            WHERE "Slot" = (
                SELECT s."Slot" FROM "ZohoCallSlots" AS s
                WHERE s."Slot" < {max} AND (s."HeldUntil" IS NULL OR s."HeldUntil" < {now})
                ORDER BY s."Slot" LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING "Slot" AS "Value"
            """).ToListAsync(cancellationToken);
        return taken.Count == 0 ? null : new ZohoCallSlotLease(taken[0], holder, now, until);
    }

    /// <summary>A call has finished with its slot: kept for the next call, or given back.</summary>
    private async Task EndCallAsync(ZohoCallSlotLease lease)
    {
        var now = clock.GetUtcNow();
        var fresh = ZohoCallSlotPool.IsFresh(lease, now, KeptSlotMustCover(options.CurrentValue.RequestTimeout));
        if (fresh && options.CurrentValue.MaxConcurrency > lease.Slot)
        {
            var generation = pool.Keep(lease);
            _ = GiveBackIfIdleAsync(lease, generation);
            return;
        }

        if (!fresh)
        {
            pool.YieldUntil = now + PollEvery * 2;
        }

        await ReleaseAsync(lease);
    }

    private async Task GiveBackIfIdleAsync(ZohoCallSlotLease lease, long generation)
    {
        await Task.Delay(IdleFor, clock, CancellationToken.None);
        if (pool.TryRemoveIdle(lease, generation))
        {
            await GiveBackQuietlyAsync(lease);
        }
    }

    /// <summary>Gives a kept slot back where no caller waits on it: if the database cannot be reached, its lease frees it.</summary>
    private async Task GiveBackQuietlyAsync(ZohoCallSlotLease lease)
    {
        try
        {
            await ReleaseAsync(lease);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or ObjectDisposedException)
        {
            // The lease ends by itself (the call's timeout and a margin).
        }
    }

    private async Task ReleaseAsync(ZohoCallSlotLease lease)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.Set<ZohoCallSlot>().Where(s => s.Slot == lease.Slot && s.Holder == lease.Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Holder, (string?)null).SetProperty(x => x.HeldUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    private sealed class HeldSlot(ZohoCallSlots owner, ZohoCallSlotLease lease) : IAsyncDisposable
    {
        private int ended;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref ended, 1) == 0)
            {
                await owner.EndCallAsync(lease);
            }
        }
    }

    private sealed class NoSlot : IAsyncDisposable
    {
        public static readonly NoSlot Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
