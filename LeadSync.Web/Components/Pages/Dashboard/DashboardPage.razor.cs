using LeadSync.Core.Leads;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.Events;
using LeadSync.Web.Components.Pages.Leads;
using Microsoft.AspNetCore.Components;

namespace LeadSync.Web.Components.Pages.Dashboard;

/// <summary>The engine at a glance (numbers from <see cref="DashboardQueries"/>), refreshed live at most once a second.</summary>
public sealed partial class DashboardPage
{
    private static readonly SyncState[] States =
        [SyncState.Synced, SyncState.Pending, SyncState.NeverSynced, SyncState.Conflict, SyncState.Error, SyncState.DeadLetter];

    private DashboardSnapshot? snapshot;
    private DashboardRange range = DashboardRange.Last24Hours;

    [Inject]
    private DashboardQueries Queries { get; set; } = default!;


    protected override Task OnInitializedAsync() => LoadAsync();

    /// <summary>A push-queue count as the page shows it: "more than 10,000" once counting stopped (<see cref="OutboxCounts"/>).</summary>
    private static string QueueText(int count) => LeadCountText.Bounded(count, OutboxCounts.Limit);

    private async Task LoadAsync() => snapshot = await Queries.GetAsync(range);

    private Task OnRangeChangedAsync(DashboardRange value)
    {
        range = value;
        return LoadAsync();
    }

    private async Task OnSyncEventsAsync(IReadOnlyList<SyncEvent> events)
    {
        _ = events;
        await LoadAsync();
        StateHasChanged();
    }
}
