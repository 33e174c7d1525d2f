using LeadSync.Core.Settings;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;

namespace LeadSync.Web.Components.Pages.Settings;

/// <summary>The sync settings form's state (the interval as a number and a unit); rules live in Core.</summary>
public sealed class SyncSettingsForm
{
    public const string PullInterval = nameof(SyncSettings.PullInterval);
    public const string DailyCreditBudgetField = nameof(SyncSettings.DailyCreditBudget);

    public int PullIntervalValue { get; set; }

    public IntervalUnit PullIntervalUnit { get; set; }

    public ConflictPolicy ConflictPolicy { get; set; }

    public bool PropagateDeletesToZoho { get; set; }

    public bool PropagateDeletesFromZoho { get; set; }

    public bool WorkflowTrigger { get; set; }

    public int DailyCreditBudget { get; set; }

    public static SyncSettingsForm From(SyncSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var interval = settings.PullInterval;
        var (value, unit) = interval.TotalHours >= 1 && interval.TotalHours % 1 == 0 ? ((int)interval.TotalHours, IntervalUnit.Hours)
            : interval.TotalMinutes >= 1 && interval.TotalMinutes % 1 == 0 ? ((int)interval.TotalMinutes, IntervalUnit.Minutes)
            : ((int)interval.TotalSeconds, IntervalUnit.Seconds);
        return new SyncSettingsForm
        {
            PullIntervalValue = value,
            PullIntervalUnit = unit,
            ConflictPolicy = settings.ConflictPolicy,
            PropagateDeletesToZoho = settings.PropagateDeletesToZoho,
            PropagateDeletesFromZoho = settings.PropagateDeletesFromZoho,
            WorkflowTrigger = settings.WorkflowTrigger,
            DailyCreditBudget = settings.DailyCreditBudget,
        };
    }

    public SyncSettings ToSettings() => new(
        PullIntervalUnit switch
        {
            IntervalUnit.Hours => TimeSpan.FromHours(PullIntervalValue),
            IntervalUnit.Minutes => TimeSpan.FromMinutes(PullIntervalValue),
            _ => TimeSpan.FromSeconds(PullIntervalValue),
        },
        ConflictPolicy, PropagateDeletesToZoho, PropagateDeletesFromZoho, WorkflowTrigger, DailyCreditBudget);
}
