using LeadSync.Core.Fields;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Zoho;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Settings.Fields;

/// <summary>
/// Settings → Field mapping: every Zoho Lead field with its type and flags, a switch and a direction per field. Changes
/// are held on the page until the admin reviews Core's plan (<see cref="FieldMappingService.PlanAsync"/>) and applies
/// it; a backfill is followed by its sync run's progress. The rules are Core's; this class holds only UI state.
/// </summary>
public sealed partial class FieldMappingPage
{
    private readonly Dictionary<string, FieldMappingChange> pending = new(StringComparer.Ordinal);
    private FieldMappingOverview? overview;
    private IReadOnlyDictionary<string, int> failing = new Dictionary<string, int>();
    private FieldMappingPlan? plan;
    private string? planError;
    private string? loadError;
    private string? search;
    private bool busy;
    private Guid? backfillRunId;
    private int backfillProcessed;
    private bool backfillDone;

    [Inject]
    private FieldMappingService Mapping { get; set; } = default!;

    [Inject]
    private FieldMetadataStore Metadata { get; set; } = default!;

    [Inject]
    private LeadSync.Core.Fields.Errors.FieldErrorQueries FieldErrors { get; set; } = default!;

    [Inject]
    private SyncRunQueries Runs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private IReadOnlyDictionary<string, FieldMappingChange> Pending => pending;

    private int ProblemCount => overview?.Fields.Count(f => f.Problem is not null) ?? 0;

    private double BackfillPercent =>
        backfillDone ? 100 : overview is { LinkedLeads: > 0 } o ? Math.Min(100, 100.0 * backfillProcessed / o.LinkedLeads) : 0;

    private IEnumerable<FieldMappingView> VisibleRows => (overview?.Fields ?? []).Where(f =>
        string.IsNullOrWhiteSpace(search)
        || f.Definition.Label.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase)
        || f.ApiName.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase));

    protected override Task OnInitializedAsync() => LoadAsync(() => Mapping.GetAsync());

    private Task RefreshAsync() => LoadAsync(async () =>
    {
        await Metadata.RefreshAsync();
        Snackbar.Add("Zoho's Lead fields were read again.", Severity.Success);
        return await Mapping.GetAsync();
    });

    private async Task LoadAsync(Func<Task<FieldMappingOverview>> load)
    {
        busy = true;
        try
        {
            overview = await load();
            failing = await FieldErrors.LeadCountsAsync(); // per-field errors: a field Zoho changed shows the leads it affects
            loadError = null;
        }
        catch (ZohoApiException ex)
        {
            loadError = $"Zoho's Lead fields could not be read: {ex.Message}";
        }
        finally
        {
            busy = false;
        }
    }

    private bool IsMapped(FieldMappingView row) => pending.TryGetValue(row.ApiName, out var change) ? change.Mapped : row.Mapped;

    private FieldSyncDirection DirectionOf(FieldMappingView row) =>
        pending.TryGetValue(row.ApiName, out var change) ? change.Direction : row.Mapped || row.Allowed.Count == 0 ? row.Direction : row.Allowed[0];

    private static bool CanAccept(FieldMappingView row) => row.Mapped && row.Allowed.Contains(row.Direction);

    private string RowClass(FieldMappingView row, int index) =>
        row.Problem is not null ? "field-problem" : pending.ContainsKey(row.ApiName) ? "field-pending" : "";

    private void SetMapped(FieldMappingView row, bool mapped) => Edit(row, new FieldMappingChange(row.ApiName, mapped, DirectionOf(row)));

    private void SetDirection(FieldMappingView row, FieldSyncDirection direction) => Edit(row, new FieldMappingChange(row.ApiName, true, direction));

    private void Accept(FieldMappingView row) => pending[row.ApiName] = new FieldMappingChange(row.ApiName, true, row.Direction);

    /// <summary>Keeps a change only while it differs from what is stored (a switch turned back is no change).</summary>
    private void Edit(FieldMappingView row, FieldMappingChange change)
    {
        plan = null;
        planError = null;
        if (change.Mapped == row.Mapped && (!change.Mapped || change.Direction == row.Direction) && row.Problem is null)
        {
            pending.Remove(row.ApiName);
        }
        else
        {
            pending[row.ApiName] = change;
        }
    }

    private void Discard()
    {
        pending.Clear();
        plan = null;
        planError = null;
    }

    private void CancelPlan() => plan = null;

    private async Task ReviewAsync()
    {
        busy = true;
        try
        {
            plan = await Mapping.PlanAsync([.. pending.Values]);
            planError = null;
        }
        catch (FieldMappingException ex)
        {
            planError = ex.Message;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ApplyAsync()
    {
        busy = true;
        try
        {
            var by = AuthenticationState is null ? null : (await AuthenticationState).User.Identity?.Name;
            var result = await Mapping.SaveAsync([.. pending.Values], by);
            pending.Clear();
            plan = null;
            if (result.BackfillRunId is { } runId)
            {
                (backfillRunId, backfillProcessed, backfillDone) = (runId, 0, false);

                // A short run may end before this page knew its id: its events were not this page's yet.
                backfillDone = await Runs.GetAsync(runId) is { FinishedAt: not null };
            }

            Snackbar.Add("The field mapping was saved.", Severity.Success);
            overview = await Mapping.GetAsync();
        }
        catch (FieldMappingException ex)
        {
            planError = ex.Message;
        }
        finally
        {
            busy = false;
        }
    }

    private bool IsBackfillRun(SyncEvent e) => backfillRunId is { } id && e switch
    {
        RunProgress p => p.RunId == id,
        RunFinished f => f.RunId == id,
        _ => false,
    };

    private Task OnSyncEventsAsync(IReadOnlyList<SyncEvent> events)
    {
        if (events.OfType<RunProgress>().LastOrDefault() is { } progress)
        {
            backfillProcessed = progress.Processed;
        }

        backfillDone |= events.Any(e => e is RunFinished);
        StateHasChanged(); // the feed calls a delegate, not an EventCallback: the page re-renders itself
        return Task.CompletedTask;
    }
}
