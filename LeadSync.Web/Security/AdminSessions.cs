using System.Security.Claims;
using LeadSync.Core.Data;
using LeadSync.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Web.Security;

/// <summary>An admin's own console sessions: how many are open, whether one still is, and ending all of them.</summary>
internal sealed class AdminSessions(IDbContextFactory<LeadSyncDbContext> contexts, IServiceScopeFactory scopes, TimeProvider time)
{
    public async Task<int> CountAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AdminSession>().CountAsync(s => s.UserId == userId && (s.ExpiresAt == null || s.ExpiresAt > now), cancellationToken);
    }

    /// <summary>True when the principal's session (its <see cref="AdminSessionStore.SessionClaim"/>) is still open.</summary>
    public async Task<bool> IsOpenAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirstValue(AdminSessionStore.SessionClaim);
        if (id is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AdminSession>().AnyAsync(s => s.Id == id && (s.ExpiresAt == null || s.ExpiresAt > now), cancellationToken);
    }

    /// <summary>
    /// Ends every session of this admin, on every device and instance: the stored sessions go, and the security stamp
    /// changes, so open console pages lose their sign-in at the next check too. Returns how many sessions ended.
    /// </summary>
    public async Task<int> EndAllAsync(string userId, CancellationToken cancellationToken = default)
    {
        int ended;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            ended = await db.Set<AdminSession>().Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByIdAsync(userId) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        return ended;
    }
}
