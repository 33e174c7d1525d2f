namespace LeadSync.Core.Monitoring;

/// <summary>How far back the dashboard's activity chart looks; <see cref="ActivityWindow.For"/> gives each one's buckets.</summary>
public enum DashboardRange
{
    LastHour,
    Last24Hours,
    Last7Days,
}
