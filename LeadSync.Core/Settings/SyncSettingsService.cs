using System.Globalization;
using LeadSync.Core.Leads;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Settings;

/// <summary>
/// Reads the effective sync settings (configuration with stored overrides) and saves new ones to the settings table;
/// a save reloads <see cref="RuntimeSettings"/>, so the engine's <c>IOptionsMonitor</c> sees the new values at once
/// (and other instances within their poll interval).
/// </summary>
public sealed class SyncSettingsService(
    SettingsStore store,
    RuntimeSettings runtime,
    IOptionsMonitor<SyncOptions> sync,
    IOptionsMonitor<ZohoOptions> zoho,
    IOptionsMonitor<CreditBudgetOptions> budget)
{
    public static readonly TimeSpan MinPullInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxPullInterval = TimeSpan.FromHours(24);
    public const int MaxDailyCreditBudget = 100_000_000;

    private static readonly HashSet<string> NoSecrets = new(StringComparer.Ordinal);

    /// <summary>What the engine uses right now.</summary>
    public SyncSettings GetCurrent()
    {
        var s = sync.CurrentValue;
        return new SyncSettings(
            s.PullInterval, s.ConflictPolicy, s.PropagateDeletes.ToZoho, s.PropagateDeletes.FromZoho,
            zoho.CurrentValue.WorkflowTrigger, budget.CurrentValue.DailyCreditBudget);
    }

    /// <summary>Every broken rule, each naming its field.</summary>
    public static IReadOnlyList<ValidationFailure> Validate(SyncSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var failures = new List<ValidationFailure>();
        if (settings.PullInterval < MinPullInterval || settings.PullInterval > MaxPullInterval)
        {
            failures.Add(new ValidationFailure(nameof(SyncSettings.PullInterval), "Range",
                "Pull interval must be between 10 seconds and 24 hours."));
        }

        if (!Enum.IsDefined(settings.ConflictPolicy))
        {
            failures.Add(new ValidationFailure(nameof(SyncSettings.ConflictPolicy), "OneOf",
                "Conflict policy must be ZohoWins, LocalWins, NewestWins or Manual."));
        }

        if (settings.DailyCreditBudget is < 1 or > MaxDailyCreditBudget)
        {
            failures.Add(new ValidationFailure(nameof(SyncSettings.DailyCreditBudget), "Range",
                $"Daily credit budget must be between 1 and {MaxDailyCreditBudget.ToString("N0", CultureInfo.InvariantCulture)} credits."));
        }

        return failures;
    }

    /// <summary>Validates and stores the settings, then applies them in this process; throws <see cref="SettingsValidationException"/>.</summary>
    public async Task SaveAsync(SyncSettings settings, CancellationToken cancellationToken = default)
    {
        var failures = Validate(settings);
        if (failures.Count > 0)
        {
            throw new SettingsValidationException(failures);
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [RuntimeSettings.PullIntervalKey] = settings.PullInterval.ToString("c", CultureInfo.InvariantCulture),
            [RuntimeSettings.ConflictPolicyKey] = settings.ConflictPolicy.ToString(),
            [RuntimeSettings.DeleteToZohoKey] = Bool(settings.PropagateDeletesToZoho),
            [RuntimeSettings.DeleteFromZohoKey] = Bool(settings.PropagateDeletesFromZoho),
            [RuntimeSettings.WorkflowTriggerKey] = Bool(settings.WorkflowTrigger),
            [RuntimeSettings.DailyCreditBudgetKey] = settings.DailyCreditBudget.ToString(CultureInfo.InvariantCulture),
        };
        await store.SetAsync(values, NoSecrets, cancellationToken);
        await runtime.ReloadAsync(cancellationToken);
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
