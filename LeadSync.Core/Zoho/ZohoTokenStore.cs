using System.Text.Json;
using LeadSync.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Zoho;

/// <summary>Reads and writes <see cref="ZohoStoredToken"/> rows, encrypting the token with Data Protection.</summary>
internal sealed class ZohoTokenStore(IDbContextFactory<LeadSyncDbContext> contexts, IDataProtectionProvider dataProtection, TimeProvider time)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("LeadSync.Zoho.AccessToken.v1");

    public async Task<ZohoAccessToken?> LoadAsync(string credentialsKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<ZohoStoredToken>().AsNoTracking().FirstOrDefaultAsync(t => t.CredentialsKey == credentialsKey, cancellationToken);
        if (row is null)
        {
            return null;
        }

        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(protector.Unprotect(row.ProtectedPayload));
            // Tokens saved before the payload carried ObtainedAt: the row was written right after the token was minted.
            return payload is null || string.IsNullOrEmpty(payload.Token)
                ? null
                : new ZohoAccessToken(payload.Token, row.ExpiresAt, payload.ApiDomain, credentialsKey, payload.ObtainedAt ?? row.UpdatedAt);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Keys rotated away or another application's payload: treat as no token.
            return null;
        }
    }

    public async Task SaveAsync(ZohoAccessToken token, CancellationToken cancellationToken)
    {
        var payload = protector.Protect(JsonSerializer.Serialize(new Payload(token.Token, token.ApiDomain, token.ObtainedAt)));
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var row = await db.Set<ZohoStoredToken>().FirstOrDefaultAsync(t => t.CredentialsKey == token.CredentialsKey, cancellationToken);
            if (row is null)
            {
                row = new ZohoStoredToken { CredentialsKey = token.CredentialsKey };
                db.Add(row);
            }

            row.ProtectedPayload = payload;
            row.ExpiresAt = token.ExpiresAt;
            row.UpdatedAt = time.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another instance inserted the row at the same moment: update it instead.
            }
        }
    }

    public async Task DeleteAsync(string credentialsKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<ZohoStoredToken>().Where(t => t.CredentialsKey == credentialsKey).ExecuteDeleteAsync(cancellationToken);
    }

    private sealed record Payload(string Token, string? ApiDomain, DateTimeOffset? ObtainedAt);
}
