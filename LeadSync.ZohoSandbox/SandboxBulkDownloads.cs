using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Finding a Bulk job named in a path and sending its result ZIP (§6): an unknown id is refused like Zoho refuses a
/// bad id, a result before COMPLETED is refused, and the result-download fault answers 500 or 404 instead of the file.
/// </summary>
internal static class SandboxBulkDownloads
{
    public static (SandboxBulkJob? Job, IResult? Error) Find(SandboxBulkJobs jobs, string id, bool read)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return SandboxLeadService.ParseId(id) is { } key && jobs.Find(key) is { } job && job.IsRead == read
            ? (job, null)
            : (null, SandboxJson.Error(400, "INVALID_DATA", "the job id given seems to be invalid", new JsonObject { ["param_name"] = "job_id" }));
    }

    public static IResult Send(SandboxBulkJob job, SandboxBulkJobs jobs, SandboxFaultInjector faults)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(faults);
        if (job.State != SandboxBulkStates.Completed)
        {
            return SandboxJson.Error(400, "INVALID_REQUEST", $"the job's result can be downloaded once its state is COMPLETED; it is {job.State}",
                new JsonObject { ["param_name"] = "job_id" });
        }

        if (faults.TakeDownloadFailure() is { } status)
        {
            return status switch
            {
                404 => SandboxJson.Error(404, "RESOURCE_NOT_FOUND", "the requested file is not available"),
                429 => SandboxJson.Error(429, "TOO_MANY_REQUESTS", "Download limit exceeded: at most 10 result downloads a minute"),
                _ => SandboxJson.Error(500, "INTERNAL_ERROR", "Internal Server Error"),
            };
        }

        var path = jobs.Files.Result(job.Id);
        if (!File.Exists(path))
        {
            return SandboxJson.Error(404, "RESOURCE_NOT_FOUND", "the requested file is not available");
        }

        jobs.Update(job.Id, j => j with { Downloads = j.Downloads + 1 });
        return Results.File(path, "application/zip", $"{SandboxJson.Id(job.Id)}.zip");
    }
}
