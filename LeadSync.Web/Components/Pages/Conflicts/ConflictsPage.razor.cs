using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Conflicts;

/// <summary>
/// Leads held in Conflict (Manual policy): values side by side, a pick per field or per lead, or one policy for many
/// leads — all through Core (<see cref="ConflictResolutionService"/>, <see cref="ConflictBulkResolver"/>).
/// </summary>
public sealed partial class ConflictsPage
{
    private const int PageSize = 10;

    private readonly HashSet<Guid> selected = [];
    private PagedResult<ConflictLeadView>? page;
    private ConflictHistoryGrid? history;
    private ConflictPolicy bulkPolicy = ConflictPolicy.ZohoWins;
    private int pageIndex;
    private int total;
    private int tab;
    private bool busy;

    [Inject]
    private ConflictQueries Queries { get; set; } = default!;

    [Inject]
    private ConflictResolutionService Resolver { get; set; } = default!;

    [Inject]
    private ConflictBulkResolver BulkResolver { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary><c>/conflicts?lead={id}</c> (<see cref="ConflictLinks.Lead"/>): only that lead's conflict. Text, so a malformed id is ignored.</summary>
    [SupplyParameterFromQuery(Name = ConflictLinks.LeadParameter)]
    public string? LeadParameter { get; set; }

    private Guid? OnlyLead => Guid.TryParse(LeadParameter, out var id) ? id : null;

    private int PageCount => (total + PageSize - 1) / PageSize;

    private bool? PageCheckState
    {
        get
        {
            var items = page?.Items ?? [];
            var on = items.Count(i => selected.Contains(i.LeadId));
            return on == 0 ? false : on == items.Count ? true : null;
        }
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        page = await Queries.GetOpenAsync(pageIndex, PageSize, OnlyLead);
        total = page.TotalCount;
        if (page.Items.Count == 0 && pageIndex > 0)
        {
            pageIndex = Math.Max(0, PageCount - 1);
            page = await Queries.GetOpenAsync(pageIndex, PageSize, OnlyLead);
        }

        selected.IntersectWith(page.Items.Select(i => i.LeadId));
    }

    private void Toggle(Guid id, bool on)
    {
        if (on)
        {
            selected.Add(id);
        }
        else
        {
            selected.Remove(id);
        }
    }

    private void OnPageCheckChanged(bool? value)
    {
        _ = value;
        var select = PageCheckState != true;
        foreach (var item in page?.Items ?? [])
        {
            Toggle(item.LeadId, select);
        }
    }

    private async Task OnPageChangedAsync(int oneBased)
    {
        pageIndex = oneBased - 1;
        selected.Clear();
        await LoadAsync();
    }

    private async Task ResolveAsync(ConflictResolveRequest request)
    {
        busy = true;
        try
        {
            await Resolver.ResolveAsync(request.LeadId, request.Choices, request.Policy);
            Snackbar.Add($"Conflict of {request.LeadName} resolved.", Severity.Success);
            selected.Remove(request.LeadId);
        }
        catch (Exception ex) when (ex is LeadValidationException or LeadNotFoundException or InvalidOperationException or ArgumentException)
        {
            Snackbar.Add($"Could not resolve {request.LeadName}: {ex.Message}", Severity.Error);
        }
        finally
        {
            busy = false;
        }

        await ReloadAllAsync();
    }

    private Task ApplyToSelectedAsync() => ApplyAsync(() => BulkResolver.ResolveAsync(selected.ToList(), bulkPolicy));

    private Task ApplyToAllAsync() => ApplyAsync(() => BulkResolver.ResolveAllAsync(bulkPolicy));

    private async Task ApplyAsync(Func<Task<ConflictBulkResult>> apply)
    {
        busy = true;
        try
        {
            var result = await apply();
            Snackbar.Add($"{result.Resolved} leads resolved ({bulkPolicy}).", Severity.Success);
            foreach (var failure in result.Failures.Take(5))
            {
                Snackbar.Add($"Lead {failure.LeadId}: {failure.Message}", Severity.Error);
            }

            selected.Clear();
        }
        finally
        {
            busy = false;
        }

        await ReloadAllAsync();
    }

    private async Task ReloadAllAsync()
    {
        await LoadAsync();
        if (history is not null)
        {
            await history.ReloadAsync();
        }
    }

    private async Task OnSyncEventsAsync(IReadOnlyList<SyncEvent> events)
    {
        if (!busy && events.Any(e => e is RunFinished or LeadsChanged or LeadStateChanged { State: SyncState.Conflict or null }))
        {
            await ReloadAllAsync();
            StateHasChanged();
        }
    }
}
