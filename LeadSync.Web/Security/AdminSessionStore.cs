using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using LeadSync.Core.Data;
using LeadSync.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Web.Security;

/// <summary>
/// The admin cookie's server-side session store: the cookie carries a random 256-bit key (inside Data Protection's
/// envelope), the database keeps the sign-in under the key's SHA-256. Signing out removes it, which ends that session
/// everywhere at once (every instance reads the same table); <see cref="AdminSessions"/> ends all of a user's sessions.
/// </summary>
internal sealed class AdminSessionStore(IDbContextFactory<LeadSyncDbContext> contexts, TimeProvider time) : ITicketStore
{
    /// <summary>The claim that names the session (its stored id), so an open console circuit can re-check it.</summary>
    public const string SessionClaim = "leadsync:session";

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var id = Hash(key);
        Name(ticket.Principal, id);

        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<AdminSession>().Where(s => s.ExpiresAt != null && s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        db.Add(new AdminSession { Id = id, UserId = userId, Ticket = TicketSerializer.Default.Serialize(ticket), CreatedAt = now, ExpiresAt = ticket.Properties.ExpiresUtc });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var id = Hash(key);
        Name(ticket.Principal, id); // a refreshed principal (security stamp check) is renewed under the same session
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ticket.Properties.ExpiresUtc;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Only a session that still exists is renewed: a sliding renewal must not bring back a signed-out one.
        await db.Set<AdminSession>().Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Ticket, bytes).SetProperty(s => s.ExpiresAt, expires), cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var id = Hash(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await db.Set<AdminSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null || session.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return null;
        }

        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        var id = Hash(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<AdminSession>().Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Carries the session's id on the principal (once).</summary>
    public static void Name(ClaimsPrincipal principal, string id)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SessionClaim))
        {
            identity.AddClaim(new Claim(SessionClaim, id));
        }
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
