using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// The app's context factory with one extra: a test can hold the next <see cref="CreateDbContextAsync"/> until it lets
/// it go (<see cref="HoldNext"/>), to make two reads overlap in a chosen order. Holds nothing unless asked.
/// </summary>
public sealed class HoldingContextFactory(IDbContextFactory<LeadSyncDbContext> inner) : IDbContextFactory<LeadSyncDbContext>
{
    private Hold? next;

    /// <summary>Holds the next context asked for; the hold's <see cref="Hold.Entered"/> completes when someone asks.</summary>
    public Hold HoldNext()
    {
        var hold = new Hold();
        Volatile.Write(ref next, hold);
        return hold;
    }

    public LeadSyncDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<LeadSyncDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref next, null) is { } hold)
        {
            hold.Arrived();
            await hold.Released.WaitAsync(cancellationToken);
        }

        return await inner.CreateDbContextAsync(cancellationToken);
    }

    /// <summary>One held request for a context.</summary>
    public sealed class Hold
    {
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the held request has arrived.</summary>
        public Task Entered => entered.Task;

        internal Task Released => released.Task;

        /// <summary>Lets the held request have its context.</summary>
        public void Release() => released.TrySetResult();

        internal void Arrived() => entered.TrySetResult();
    }
}
