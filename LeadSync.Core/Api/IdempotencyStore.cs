using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Api;

/// <summary>
/// Makes a request sent with an <c>Idempotency-Key</c> run at most once per key: the first claim runs it and stores
/// its answer, a retry with the same key and the same request gets that answer again, the same key with another request
/// is refused, and a retry while the first still runs is told so. A claim whose request died without an answer (the
/// process stopped) lapses after <see cref="RunningLease"/>; records are kept for <see cref="Retention"/>.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<LeadSyncDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public static readonly TimeSpan RunningLease = TimeSpan.FromMinutes(5);

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var expired = now - Retention;
        await db.Set<IdempotencyRecord>().Where(r => r.StartedAt < expired).ExecuteDeleteAsync(cancellationToken);

        var existing = await FindAsync(db, scope, key, cancellationToken);
        if (existing is null)
        {
            db.Add(new IdempotencyRecord { Scope = scope, Key = key, RequestHash = requestHash, StartedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new IdempotencyClaim(IdempotencyClaimKind.Run);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // the same key claimed a moment ago by a concurrent request
                existing = await FindAsync(db, scope, key, cancellationToken) ?? throw new InvalidOperationException("Idempotency key vanished.");
            }
        }

        return await ClassifyAsync(db, existing, requestHash, now, cancellationToken);
    }

    /// <summary>Stores the answer of a claimed request (what a retry with the same key gets).</summary>
    public async Task CompleteAsync(string scope, string key, int statusCode, string responseBody, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.Set<IdempotencyRecord>().Where(r => r.Scope == scope && r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, statusCode).SetProperty(r => r.ResponseBody, responseBody)
                .SetProperty(r => r.CompletedAt, now), cancellationToken);
    }

    /// <summary>Gives a claim back when its request failed without an answer, so a retry runs it.</summary>
    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<IdempotencyRecord>().Where(r => r.Scope == scope && r.Key == key && r.CompletedAt == null).ExecuteDeleteAsync(cancellationToken);
    }

    private static Task<IdempotencyRecord?> FindAsync(LeadSyncDbContext db, string scope, string key, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);

    private static async Task<IdempotencyClaim> ClassifyAsync(
        LeadSyncDbContext db, IdempotencyRecord existing, string requestHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!string.Equals(existing.RequestHash, requestHash, StringComparison.Ordinal))
        {
            return new IdempotencyClaim(IdempotencyClaimKind.Mismatch);
        }

        if (existing.CompletedAt is not null)
        {
            return new IdempotencyClaim(IdempotencyClaimKind.Replay, existing);
        }

        if (existing.StartedAt > now - RunningLease)
        {
            return new IdempotencyClaim(IdempotencyClaimKind.InProgress);
        }

        // The run that claimed it died without an answer: take the claim over (only one retry wins it).
        var started = existing.StartedAt;
        var taken = await db.Set<IdempotencyRecord>().Where(r => r.Id == existing.Id && r.StartedAt == started && r.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StartedAt, now), cancellationToken);
        return new IdempotencyClaim(taken == 1 ? IdempotencyClaimKind.Run : IdempotencyClaimKind.InProgress);
    }
}
