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
    private int loadsStarted;

    [Inject]
    private DashboardQueries Queries { get; set; } = default!;


    protected override Task OnInitializedAsync() => LoadAsync();

    /// <summary>A push-queue count as the page shows it: "more than 10,000" once counting stopped (<see cref="OutboxCounts"/>).</summary>
    private static string QueueText(int count) => LeadCountText.Bounded(count, OutboxCounts.Limit);

    /// <summary>
    /// Reads the numbers for the current range. Loads overlap (a live reload and a range switch), so only the one
    /// started last shows: an earlier load that ends later must not put the old range's buckets back.
    /// </summary>
    private async Task LoadAsync()
    {
        var load = ++loadsStarted;
        var read = await Queries.GetAsync(range);
        if (load == loadsStarted)
        {
            snapshot = read;
        }
    }

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
