using System.Globalization;
using LeadSync.Core.Monitoring;
using Microsoft.AspNetCore.Components;

namespace LeadSync.Web.Components.Pages.Dashboard;

/// <summary>
/// The dashboard's activity chart: one link per bucket of <see cref="SyncActivity"/> (to the runs started in it), drawn
/// with flex boxes so it always fills its card, a range switch, and an empty state when the range holds no activity.
/// </summary>
public sealed partial class SyncActivityChart
{
    private static readonly DashboardRange[] Ranges = [DashboardRange.LastHour, DashboardRange.Last24Hours, DashboardRange.Last7Days];

    [Parameter, EditorRequired]
    public SyncActivity Activity { get; set; } = default!;

    [Parameter]
    public EventCallback<DashboardRange> RangeChanged { get; set; }

    private string BucketText => Activity.Range switch
    {
        DashboardRange.LastHour => "5 minutes",
        DashboardRange.Last7Days => "6 hours",
        _ => "hour",
    };

    internal static string ShortLabel(DashboardRange range) => range switch
    {
        DashboardRange.LastHour => "1 h",
        DashboardRange.Last7Days => "7 d",
        _ => "24 h",
    };

    internal static string RangeText(DashboardRange range) => range switch
    {
        DashboardRange.LastHour => "last hour",
        DashboardRange.Last7Days => "last 7 days",
        _ => "last 24 hours",
    };

    private string Height(int value) =>
        value == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"max(2px, {100.0 * value / Activity.MaxValue:0.##}%)");

    private string Label(SyncActivityPoint point, int index) => Activity.Range switch
    {
        DashboardRange.Last7Days => point.Start.Hour == 0 ? point.Start.ToString("ddd d", CultureInfo.InvariantCulture) : string.Empty,
        _ => index % 3 == 0 ? point.Start.ToString("HH:mm", CultureInfo.InvariantCulture) : string.Empty,
    };

    private static string Describe(SyncActivityPoint point) => string.Create(CultureInfo.InvariantCulture,
        $"{point.Start:ddd d MMM HH:mm}–{point.End:HH:mm} UTC: {point.RecordsSynced:N0} records synced, {point.Errors:N0} errors — open these runs");
}
