using LeadSync.Core.Sync.Events;
using LeadSync.Web.Realtime;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// Live updates: a change to a lead on screen (or a bulk change) refreshes the page within
/// <see cref="RenderThrottle.DefaultInterval"/>; a change to any other lead — a lead created in Zoho or through the API,
/// one entering or leaving the filter — refreshes rows and counts within <see cref="OffPageInterval"/>. A refresh keeps
/// the user's page, sort, selection and the rows they were looking at (<see cref="LeadRowsInPlace"/>).
/// </summary>
public sealed partial class LeadsPage : IDisposable
{
    /// <summary>How often changes to leads off the page may refresh it (counts and new rows can wait this long).</summary>
    internal static readonly TimeSpan OffPageInterval = TimeSpan.FromSeconds(1);

    private readonly LeadChangeBuffer liveChanges = new();
    private RenderThrottle? onPageThrottle;
    private RenderThrottle? offPageThrottle;
    private IDisposable? liveSubscription;

    /// <summary>How many times live events reloaded the grid (coalesced).</summary>
    internal int LiveReloads { get; private set; }

    protected override void OnInitialized()
    {
        onPageThrottle = new RenderThrottle(Clock, RenderThrottle.DefaultInterval, () => InvokeAsync(FlushLiveChangesAsync));
        offPageThrottle = new RenderThrottle(Clock, OffPageInterval, () => InvokeAsync(FlushLiveChangesAsync));
        liveSubscription = Live.Subscribe(OnSyncEvent);
    }

    private void OnSyncEvent(SyncEvent syncEvent)
    {
        if (!liveChanges.Add(syncEvent))
        {
            return;
        }

        var onPage = syncEvent is not LeadStateChanged lead || shownIds.Contains(lead.LeadId);
        (onPage ? onPageThrottle : offPageThrottle)?.Signal();
    }

    private async Task FlushLiveChangesAsync()
    {
        var (leadIds, reloadAll) = liveChanges.Take();
        if (grid is null || !loaded || (leadIds.Count == 0 && !reloadAll))
        {
            return;
        }

        LiveReloads++;
        await RefreshInPlaceAsync();
    }

    public void Dispose()
    {
        liveSubscription?.Dispose();
        onPageThrottle?.Dispose();
        offPageThrottle?.Dispose();
    }
}
