using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Failures;

/// <summary>Failed leads grouped by Zoho error (grouped by Core in SQL); a group expands to its leads; retry some or all.</summary>
public sealed partial class FailuresPage
{
    private readonly HashSet<Guid> selected = [];
    private readonly HashSet<string> open = new(StringComparer.Ordinal);
    private IReadOnlyList<FailureGroup>? groups;
    private IReadOnlyList<FieldErrorGroup>? fieldGroups;
    private bool busy;

    [Inject]
    private FailureQueries Queries { get; set; } = default!;

    [Inject]
    private FieldErrorQueries FieldErrors { get; set; } = default!;

    [Inject]
    private SyncService Sync { get; set; } = default!;

    /// <summary>A field whose per-field errors to open (<c>/failures?field=Industry</c>, from the mapping page).</summary>
    [SupplyParameterFromQuery(Name = "field")]
    public string? Field { get; set; }

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private int TotalFailed => groups?.Sum(g => g.Count) ?? 0;

    private int TotalDead => groups?.Sum(g => g.DeadLettered) ?? 0;

    protected override Task OnInitializedAsync() => LoadAsync();

    private static string Key(FailureGroup group) => group.Code + "\n" + group.Field;

    private async Task LoadAsync()
    {
        groups = await Queries.GetGroupsAsync();
        fieldGroups = await FieldErrors.GroupsAsync();
    }

    private void OnExpanded(FailureGroup group, bool expanded)
    {
        if (expanded)
        {
            open.Add(Key(group));
        }
    }

    private Task RetrySelectedAsync() => RetryAsync(selected.ToList(), $"{selected.Count} selected");

    private Task RetryAllAsync() => RetryAsync(null, "all failed");

    private async Task RetryGroupAsync(FailureGroup group)
    {
        var ids = await Queries.GetLeadIdsAsync(group.Code, group.Field);
        await RetryAsync(ids, $"{ids.Count} {group.Code}");
    }

    private async Task RetryAsync(IReadOnlyCollection<Guid>? ids, string what)
    {
        busy = true;
        try
        {
            await Sync.RetryFailedAsync(ids);
            Snackbar.Add($"Retrying {what} leads: their pushes are queued again.", Severity.Success);
            selected.Clear();
            await LoadAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            Snackbar.Add($"Retry failed: {ex.Message}", Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task OnSyncEventsAsync(IReadOnlyList<SyncEvent> events)
    {
        if (events.Any(e => e is RunFinished or LeadsChanged or LeadStateChanged))
        {
            await LoadAsync();
            StateHasChanged();
        }
    }
}
