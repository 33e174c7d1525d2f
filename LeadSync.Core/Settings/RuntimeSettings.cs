using LeadSync.Core.Data;
using LeadSync.Core.Sync.Merge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace LeadSync.Core.Settings;

/// <summary>
/// The settings the Settings page changes at run time (plain, non-secret rows of the settings table under
/// <see cref="ManagedKeys"/>), held as a configuration layer over <c>appsettings</c>/environment. Options bound to
/// <c>Sync</c> and <c>Zoho</c> see them through <see cref="RuntimeSettingsPostConfigure{TOptions}"/>, and
/// <c>IOptionsMonitor</c> recomputes them when <see cref="ReloadAsync"/> finds a change (after a save in this process,
/// and every few seconds for saves made by other instances).
/// </summary>
public sealed class RuntimeSettings(IDbContextFactory<LeadSyncDbContext> contexts)
{
    public const string PullIntervalKey = "Sync:PullInterval";
    public const string ConflictPolicyKey = "Sync:ConflictPolicy";
    public const string DeleteToZohoKey = "Sync:PropagateDeletes:ToZoho";
    public const string DeleteFromZohoKey = "Sync:PropagateDeletes:FromZoho";
    public const string DailyCreditBudgetKey = "Sync:DailyCreditBudget";
    public const string WorkflowTriggerKey = "Zoho:WorkflowTrigger";

    public static IReadOnlyList<string> ManagedKeys { get; } =
        [PullIntervalKey, ConflictPolicyKey, DeleteToZohoKey, DeleteFromZohoKey, DailyCreditBudgetKey, WorkflowTriggerKey];

    private readonly Lock gate = new();
    private IConfiguration values = Build(new Dictionary<string, string?>());
    private Dictionary<string, string?> current = [];
    private ConfigurationReloadToken token = new();

    /// <summary>The stored overrides as configuration (empty until the first successful load).</summary>
    public IConfiguration Values => Volatile.Read(ref values);

    public IChangeToken GetReloadToken() => Volatile.Read(ref token);

    /// <summary>Reads the managed keys from the database; when any differs from what is held, signals the change.</summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = ManagedKeys.ToList();
        var rows = await db.Set<AppSetting>().AsNoTracking()
            .Where(s => keys.Contains(s.Key) && !s.IsProtected)
            .Select(s => new { s.Key, s.Value })
            .ToListAsync(cancellationToken);
        var next = rows.ToDictionary(r => r.Key, r => r.Value, StringComparer.OrdinalIgnoreCase);

        ConfigurationReloadToken? fire = null;
        lock (gate)
        {
            if (next.Count == current.Count && next.All(kv => current.TryGetValue(kv.Key, out var v) && v == kv.Value))
            {
                return false;
            }

            current = next;
            Volatile.Write(ref values, Build(next));
            fire = token;
            Volatile.Write(ref token, new ConfigurationReloadToken());
        }

        fire.OnReload();
        return true;
    }

    private static IConfigurationRoot Build(IDictionary<string, string?> data) =>
        new ConfigurationBuilder().AddInMemoryCollection(data).Build();
}
