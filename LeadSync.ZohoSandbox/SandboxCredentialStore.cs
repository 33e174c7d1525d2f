using System.Security.Cryptography;
using LeadSync.Core.Data;
using LeadSync.Core.Settings;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The one client and refresh token the sandbox accepts. Values set explicitly in configuration (environment, user
/// secrets: <c>Sandbox__ClientId</c>, <c>Sandbox__ClientSecret</c>, <c>Sandbox__RefreshToken</c>) win, for automation;
/// otherwise they are generated at random on the first start and kept in LeadSync's settings table, the secret and the
/// refresh token encrypted. No fixed value lives in a committed file, so knowing the source code opens nothing.
/// </summary>
public sealed class SandboxCredentialStore(IOptionsMonitor<ZohoSandboxOptions> options, SettingsStore settings, DeploymentLocks locks) : IDisposable
{
    public const string ClientIdKey = "Sandbox:ClientId";
    public const string ClientSecretKey = "Sandbox:ClientSecret";
    public const string RefreshTokenKey = "Sandbox:RefreshToken";

    /// <summary>The deployment-wide lock under which instances starting together generate one set of credentials.</summary>
    private const long GenerateLock = 0x4C53_5342_4352_4544; // "LSSBCRED"

    private static readonly HashSet<string> SecretKeys = new(StringComparer.Ordinal) { ClientSecretKey, RefreshTokenKey };
    private readonly SemaphoreSlim gate = new(1, 1);
    private ZohoClientCredentials? generated;

    /// <summary>Configuration when all three values are set there, else generated.</summary>
    public SandboxCredentialSource Source => Configured() is null ? SandboxCredentialSource.Generated : SandboxCredentialSource.Configuration;

    /// <summary>The credentials the sandbox accepts (generating and storing them on first use).</summary>
    public async ValueTask<ZohoClientCredentials> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Configured() is { } configured)
        {
            return configured;
        }

        if (generated is { } known)
        {
            return known;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            generated ??= await LoadOrGenerateAsync(cancellationToken);
            return generated;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private ZohoClientCredentials? Configured()
    {
        var o = options.CurrentValue;
        return string.IsNullOrWhiteSpace(o.ClientId) || string.IsNullOrWhiteSpace(o.ClientSecret) || string.IsNullOrWhiteSpace(o.RefreshToken)
            ? null
            : new ZohoClientCredentials(o.ClientId, o.ClientSecret, o.RefreshToken);
    }

    private async Task<ZohoClientCredentials> LoadOrGenerateAsync(CancellationToken cancellationToken)
    {
        // Shaped like Zoho's: "1000.<32 upper-case hex>" client ids, 42-character secrets, "1000.<hex>.<hex>" refresh tokens.
        var fresh = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ClientIdKey] = "1000." + RandomNumberGenerator.GetHexString(32),
            [ClientSecretKey] = RandomNumberGenerator.GetHexString(42, lowercase: true),
            [RefreshTokenKey] = $"1000.{RandomNumberGenerator.GetHexString(32, lowercase: true)}.{RandomNumberGenerator.GetHexString(32, lowercase: true)}",
        };
        IReadOnlyDictionary<string, string?> stored;
        await using (await locks.AcquireAsync(GenerateLock, cancellationToken))
        {
            stored = await settings.AddIfAbsentAsync(fresh, SecretKeys, cancellationToken);
        }

        string Read(string key) => stored.GetValueOrDefault(key) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The sandbox's stored credentials are incomplete ({key} is missing); delete the Sandbox:* rows of the settings table to generate new ones.");
        return new ZohoClientCredentials(Read(ClientIdKey), Read(ClientSecretKey), Read(RefreshTokenKey));
    }
}
