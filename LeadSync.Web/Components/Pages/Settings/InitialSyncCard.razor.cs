using System.Globalization;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Initial;
using LeadSync.Core.Zoho;
using Microsoft.AspNetCore.Components;

namespace LeadSync.Web.Components.Pages.Settings;

/// <summary>
/// The Settings page's initial sync: renders Core's <see cref="InitialSyncPlan"/> (the dry run) and starts the run
/// through <see cref="SyncService.StartInitialSyncAsync"/>. No figure is worked out here.
/// </summary>
public sealed partial class InitialSyncCard
{
    private InitialSyncPlan? plan;
    private Guid? startedRun;
    private string? error;
    private bool busy;

    [Inject]
    private InitialSyncEstimator Estimator { get; set; } = default!;

    [Inject]
    private SyncService Sync { get; set; } = default!;

    private static string EstimateCostText =>
        $"1 credit, plus {InitialSyncCredits.ReadJobCredits} per {N(InitialSyncCredits.RecordsPerReadJob)} Zoho leads to match emails when both sides hold leads";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Jobs(int jobs) => Count(jobs, "Bulk Read job");

    private static string PushText(InitialSyncCredits credits) => credits switch
    {
        { PushRows: 0 } => "nothing to create in Zoho",
        { PushInBulk: true } => $"{Leads(credits.PushRows)} in {Count(credits.PushCalls, "Bulk Write job")} × {InitialSyncCredits.WriteJobCredits}",
        _ => $"{Leads(credits.PushRows)} in {Count(credits.PushCalls, "record-API call")}, 1 credit per 10 leads",
    };

    private static string Leads(int leads) => Count(leads, "lead");

    private static string Count(long count, string noun) => count == 1 ? $"1 {noun}" : $"{N(count)} {noun}s";

    private async Task EstimateAsync()
    {
        busy = true;
        error = null;
        try
        {
            plan = await Estimator.EstimateAsync();
        }
        catch (ZohoApiException ex)
        {
            plan = null;
            error = $"Zoho refused the estimate ({ex.Code}): {ex.Message}";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            plan = null;
            error = $"The estimate failed: {ex.Message}";
        }
        finally
        {
            busy = false;
        }
    }

    private async Task StartAsync()
    {
        busy = true;
        try
        {
            startedRun = await Sync.StartInitialSyncAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
