using System.Globalization;
using LeadSync.Core.Leads;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync.Events;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Dashboard;

/// <summary>The engine at a glance (numbers from <see cref="DashboardQueries"/>), refreshed live at most once a second.</summary>
public sealed partial class DashboardPage
{
    private static readonly SyncState[] States =
        [SyncState.Synced, SyncState.Pending, SyncState.NeverSynced, SyncState.Conflict, SyncState.Error, SyncState.DeadLetter];

    private readonly BarChartOptions chartOptions = new() { ChartPalette = ["#1976D2", "#D32F2F"] };
    private DashboardSnapshot? snapshot;
    private List<ChartSeries<double>> series = [];
    private string[] hourLabels = [];

    [Inject]
    private DashboardQueries Queries { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        snapshot = await Queries.GetAsync();
        series =
        [
            new() { Name = "Records synced", Data = snapshot.Hourly.Select(h => (double)h.RecordsSynced).ToArray() },
            new() { Name = "Errors", Data = snapshot.Hourly.Select(h => (double)h.Errors).ToArray() },
        ];
        hourLabels = snapshot.Hourly.Select((h, i) => i % 3 == 0 ? h.HourStart.ToString("HH:mm", CultureInfo.InvariantCulture) : "").ToArray();
    }

    private void OpenLeads() => Navigation.NavigateTo("/leads");

    private async Task OnSyncEventsAsync(IReadOnlyList<SyncEvent> events)
    {
        _ = events;
        await LoadAsync();
        StateHasChanged();
    }
}
