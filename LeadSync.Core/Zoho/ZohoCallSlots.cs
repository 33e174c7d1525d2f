using LeadSync.Core.Data;
using LeadSync.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>
/// <see cref="IZohoCallGate"/> across instances. On PostgreSQL each call holds one of <c>Zoho:MaxConcurrency</c> rows of
/// <c>ZohoCallSlots</c> (taken with <c>FOR UPDATE SKIP LOCKED</c>, leased for the call's timeout and a margin), so N
/// instances together never have more calls in flight than the org allows; while none is free the call waits, polling.
/// On SQLite (one instance per file) the client's own limit is the whole deployment's and this admits every call.
/// </summary>
internal sealed class ZohoCallSlots(
    IDbContextFactory<LeadSyncDbContext> contexts, IOptionsMonitor<ZohoOptions> options, SyncInstance instance, TimeProvider clock) : IZohoCallGate
{
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(15);
    private bool? shared;
    private int slotsEnsured;

    public async ValueTask<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!await IsSharedAsync(cancellationToken))
        {
            return NoSlot.Instance;
        }

        var max = options.CurrentValue.MaxConcurrency;
        await EnsureSlotsAsync(max, cancellationToken);
        var holder = $"{instance.Id}/{Guid.NewGuid():N}";
        while (true)
        {
            if (await TryTakeAsync(holder, max, cancellationToken) is { } slot)
            {
                return new HeldSlot(this, slot, holder);
            }

            await Task.Delay(PollEvery + TimeSpan.FromMilliseconds(Random.Shared.Next(10)), clock, cancellationToken);
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

    private async Task<int?> TryTakeAsync(string holder, int max, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + options.CurrentValue.RequestTimeout + LeaseMargin;
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
        return taken.Count == 0 ? null : taken[0];
    }

    private async Task ReleaseAsync(int slot, string holder)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.Set<ZohoCallSlot>().Where(s => s.Slot == slot && s.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Holder, (string?)null).SetProperty(x => x.HeldUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    private sealed class HeldSlot(ZohoCallSlots owner, int slot, string holder) : IAsyncDisposable
    {
        private int released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                await owner.ReleaseAsync(slot, holder);
            }
        }
    }

    private sealed class NoSlot : IAsyncDisposable
    {
        public static readonly NoSlot Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
