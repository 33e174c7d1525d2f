namespace LeadSync.ZohoSandbox;

/// <summary>
/// Moves one Bulk job one step (§6): ADDED → QUEUED → IN PROGRESS; an IN PROGRESS job is processed (or fails, when
/// the job-failure fault strikes or processing throws) and ends COMPLETED or FAILED, then its callback is posted.
/// </summary>
internal sealed partial class SandboxBulkStepper(
    SandboxBulkJobs jobs,
    SandboxBulkWriter writer,
    SandboxBulkReader reader,
    SandboxBulkCallbacks callbacks,
    SandboxFaultInjector faults)
{
    public async Task StepAsync(SandboxBulkJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.State != SandboxBulkStates.InProgress)
        {
            jobs.Update(job.Id, j => j with { State = SandboxBulkStates.Next(j.State) });
            return;
        }

        // Whether the callback is lost is drawn before the job's end is visible, so a fault turned off once a client
        // sees the job finished cannot bring the callback back.
        var callbackLost = job.CallbackUrl is not null && faults.Draw(faults.Current.BulkCallbackLossRate);
        var finished = faults.Draw(faults.Current.BulkJobFailureRate)
            ? Fail(job.Id, "the job failed (fault injection)")
            : await ProcessAsync(job, cancellationToken);
        await callbacks.NotifyAsync(finished, callbackLost, cancellationToken);
    }

    private async Task<SandboxBulkJob> ProcessAsync(SandboxBulkJob job, CancellationToken cancellationToken)
    {
        try
        {
            if (job.IsRead)
            {
                var result = await reader.RunAsync(job, cancellationToken);
                return jobs.Update(job.Id, j => j with { State = SandboxBulkStates.Completed, ReadResult = result });
            }

            await writer.RunAsync(job, cancellationToken);
            return jobs.Update(job.Id, j => j with { State = SandboxBulkStates.Completed });
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or CsvHelper.CsvFormatException)
        {
            return Fail(job.Id, "the job could not be processed: " + exception.Message);
        }
    }

    private SandboxBulkJob Fail(long id, string reason) => jobs.Update(id, j => j with { State = SandboxBulkStates.Failed, Failure = reason });
}
