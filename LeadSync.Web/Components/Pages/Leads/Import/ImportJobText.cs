using LeadSync.Core.Leads.Transfer.Import;

namespace LeadSync.Web.Components.Pages.Leads.Import;

/// <summary>One line on where an import stands: its progress while it runs, its four counts when it has ended.</summary>
internal static class ImportJobText
{
    public static string Of(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var counts = $"{job.Created:N0} created, {job.Updated:N0} updated, {job.Skipped:N0} skipped, {job.Refused:N0} refused";
        return job.State switch
        {
            ImportJobState.Queued => $"waiting to start · {job.TotalRows:N0} rows",
            ImportJobState.Running => $"{job.ProcessedRows:N0} of {job.TotalRows:N0} rows · {counts}",
            ImportJobState.Completed => $"done: {counts}",
            ImportJobState.Cancelled => $"cancelled after {job.ProcessedRows:N0} of {job.TotalRows:N0} rows: {counts}",
            ImportJobState.Failed => $"stopped by an error after {job.ProcessedRows:N0} rows ({job.Error}): {counts}",
            _ => $"interrupted after {job.ProcessedRows:N0} rows: {counts}",
        };
    }
}
