namespace LeadSync.Web.Components.Pages.Runs;

/// <summary>The time ranges the runs page filters by (start time of the run).</summary>
public enum RunTimeRange
{
    Any,
    LastHour,
    Last24Hours,
    Last7Days,
    Last30Days,

    /// <summary>An explicit from/to window: picked as dates, or read from the address (<see cref="RunsLink"/>).</summary>
    Custom,
}
