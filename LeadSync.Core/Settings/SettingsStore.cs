using System.Security.Cryptography;
using LeadSync.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Settings;

/// <summary>
/// The key/value settings table. Secret values are encrypted with ASP.NET Core Data Protection (keys in the same
/// database), so they can be read by every instance and never sit in plain text.
/// </summary>
public sealed class SettingsStore(IDbContextFactory<LeadSyncDbContext> contexts, IDataProtectionProvider dataProtection, TimeProvider time)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("LeadSync.Settings.v1");

    /// <summary>The values of these keys (decrypted); absent keys are absent from the result.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> GetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<AppSetting>().AsNoTracking().Where(s => keys.Contains(s.Key)).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => r.IsProtected && r.Value is not null ? Unprotect(r.Key, r.Value) : r.Value, StringComparer.Ordinal);
    }

    private string Unprotect(string key, string value)
    {
        try
        {
            return protector.Unprotect(value);
        }
        catch (CryptographicException ex)
        {
            throw new CryptographicException(
                $"The stored setting {key} cannot be decrypted with this instance's Data Protection keys: was the key ring encrypted with a " +
                "certificate that is not configured here (DataProtection:CertificatePath), or were the keys deleted?", ex);
        }
    }

    /// <summary>
    /// Sets several keys in one transaction. A null value removes the key. Keys in <paramref name="secretKeys"/> are encrypted.
    /// </summary>
    public async Task SetAsync(IReadOnlyDictionary<string, string?> values, IReadOnlySet<string> secretKeys, CancellationToken cancellationToken = default)
    {
        CheckKeys(values);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = values.Keys.ToList();
        var existing = await db.Set<AppSetting>().Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var (key, value) in values)
        {
            existing.TryGetValue(key, out var row);
            if (value is null)
            {
                if (row is not null)
                {
                    db.Remove(row);
                }

                continue;
            }

            if (row is null)
            {
                row = new AppSetting { Key = key };
                db.Add(row);
            }

            var secret = secretKeys.Contains(key);
            row.Value = secret ? protector.Protect(value) : value;
            row.IsProtected = secret;
            row.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static void CheckKeys(IReadOnlyDictionary<string, string?> values)
    {
        foreach (var key in values.Keys)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > AppSetting.KeyMaxLength)
            {
                throw new ArgumentException($"Setting key '{key}' must be 1 to {AppSetting.KeyMaxLength} characters.", nameof(values));
            }
        }
    }

    /// <summary>
    /// Stores these keys unless one of them already exists, in one transaction, and returns what is stored afterwards:
    /// the given values when they were written, else the values another caller (or instance) wrote first.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string?>> AddIfAbsentAsync(
        IReadOnlyDictionary<string, string> values, IReadOnlySet<string> secretKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(secretKeys);
        var keys = values.Keys.ToList();
        var existing = await GetAsync(keys, cancellationToken);
        if (existing.Count > 0)
        {
            return existing;
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var now = time.GetUtcNow();
            foreach (var (key, value) in values)
            {
                var secret = secretKeys.Contains(key);
                db.Add(new AppSetting { Key = key, Value = secret ? protector.Protect(value) : value, IsProtected = secret, UpdatedAt = now });
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return values.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
            }
            catch (DbUpdateException)
            {
                // Another instance stored them first (primary key): theirs win.
            }
        }

        return await GetAsync(keys, cancellationToken);
    }
}
