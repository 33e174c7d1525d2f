using LeadSync.Core.Leads.Transfer.Import;
using Microsoft.AspNetCore.Components;

namespace LeadSync.Web.Components.Pages.Leads.Import;

/// <summary>
/// Follows the imports started in the last hour: polls <see cref="LeadImportJobs"/> every <see cref="PollInterval"/>
/// while one runs (the job may run on another instance), and tells the page when a job has stored more leads.
/// </summary>
public sealed partial class ImportJobsPanel : IAsyncDisposable
{
    internal static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Recent = TimeSpan.FromHours(1);

    private readonly CancellationTokenSource disposal = new();
    private readonly HashSet<Guid> hidden = [];
    private List<ImportJob> jobs = [];
    private int storedRows;
    private PeriodicTimer? timer;

    [Inject]
    private LeadImportJobs Jobs { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>A job stored leads since the last look: the grid reloads.</summary>
    [Parameter]
    public EventCallback LeadsStored { get; set; }

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        timer = new PeriodicTimer(PollInterval, Clock);
        _ = PollAsync();
    }

    /// <summary>Looks again now (e.g. right after a job was started on this page).</summary>
    public Task RefreshNowAsync() => InvokeAsync(RefreshAsync);

    private async Task PollAsync()
    {
        try
        {
            while (await timer!.WaitForNextTickAsync(disposal.Token))
            {
                if (jobs.Any(j => !j.IsFinished))
                {
                    await InvokeAsync(RefreshAsync);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the page closed
        }
    }

    private async Task RefreshAsync()
    {
        var since = Clock.GetUtcNow() - Recent;
        var recent = await Jobs.ListRecentAsync(5, disposal.Token);
        jobs = [.. recent.Where(j => (!j.IsFinished || j.CreatedAt >= since) && !hidden.Contains(j.Id))];
        var stored = jobs.Sum(j => j.Created + j.Updated);
        if (stored != storedRows)
        {
            storedRows = stored;
            await LeadsStored.InvokeAsync();
        }

        StateHasChanged();
    }

    private async Task CancelAsync(Guid id)
    {
        await Jobs.CancelAsync(id, disposal.Token);
        await RefreshAsync();
    }

    private void Hide(Guid id)
    {
        hidden.Add(id);
        jobs.RemoveAll(j => j.Id == id);
    }

    private static double Percent(ImportJob job) => job.TotalRows == 0 ? 0 : Math.Min(100, 100.0 * job.ProcessedRows / job.TotalRows);

    public async ValueTask DisposeAsync()
    {
        await disposal.CancelAsync();
        timer?.Dispose();
        disposal.Dispose();
    }
}
