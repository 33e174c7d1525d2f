namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// Runs one claimed job to its end, batch by batch from where its committed progress stands (a fresh job from row 2, a
/// resumed one after its last committed batch): plan the batch, apply its updates, write it, then look for a cancel
/// request before the next. A stopping app gives the job back (another start resumes it); an unexpected error fails it.
/// </summary>
public sealed class ImportJobRunner(
    ImportJobStore store, ImportBatchPlanner planner, ImportUpdateApplier updates, ImportBatchWriter writer, ImportPace pace)
{
    /// <summary>Rows per batch (one transaction, one existing-email query).</summary>
    public const int BatchSize = 500;

    /// <summary>Runs the job the run <paramref name="runner"/> (the mark its claim returned) holds.</summary>
    public async Task RunAsync(Guid jobId, string runner, CancellationToken cancellationToken)
    {
        try
        {
            var state = await RunBatchesAsync(jobId, runner, cancellationToken);
            await store.FinishAsync(jobId, runner, state.State, state.Error, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await store.ReleaseAsync(jobId, runner, CancellationToken.None);
        }
        catch (ImportJobLostException)
        {
            // Another instance holds the job now and carries it on.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await store.FinishAsync(jobId, runner, ImportJobState.Failed, ex.Message, CancellationToken.None);
        }
    }

    private async Task<(ImportJobState State, string? Error)> RunBatchesAsync(Guid jobId, string runner, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(jobId, cancellationToken);
        if (job is not null && job.RunnerInstance != runner)
        {
            throw new ImportJobLostException(jobId); // taken again before this run began
        }

        var content = await store.ReadFileAsync(jobId, cancellationToken);
        if (job is null || content is null)
        {
            return (ImportJobState.Interrupted, "The uploaded file is no longer stored, so the import cannot go on.");
        }

        var context = new ImportPlanContext(ImportMapping.FromJson(job.MappingJson), job.ExistingEmail, new ImportDuplicates());
        var batch = new List<ImportRow>(BatchSize);
        foreach (var row in ImportCsvReader.ReadRows(content))
        {
            if (row.RowNumber - 1 <= job.ProcessedRows)
            {
                ImportRowCheck.Of(row, context.Mapping, context.Seen); // rebuilds the emails met before the resume point
                continue;
            }

            batch.Add(row);
            if (batch.Count == BatchSize && !await RunBatchAsync(job, batch, context, cancellationToken))
            {
                return (ImportJobState.Cancelled, null);
            }
        }

        return batch.Count > 0 && !await RunBatchAsync(job, batch, context, cancellationToken)
            ? (ImportJobState.Cancelled, null)
            : (ImportJobState.Completed, null);
    }

    /// <summary>Writes the batch unless a cancel was asked for; false when cancelled. The batch list is emptied.</summary>
    private async Task<bool> RunBatchAsync(ImportJob job, List<ImportRow> batch, ImportPlanContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await store.IsCancelRequestedAsync(job.Id, cancellationToken))
        {
            return false;
        }

        var outcomes = await planner.PlanAsync(batch, context, cancellationToken);
        outcomes = await updates.ApplyAsync(outcomes, cancellationToken);
        await writer.WriteAsync(job, outcomes, cancellationToken);
        batch.Clear();
        await pace.AfterBatchAsync(cancellationToken);
        return true;
    }
}
