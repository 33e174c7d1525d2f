using System.IO.Compression;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Runs a Bulk Write job (§6.2): reads the uploaded CSV row by row, applies it 100 rows at a time, counts added, updated
/// and skipped rows as it goes (visible in the job's details), and writes the result ZIP — the uploaded columns plus
/// STATUS, RECORD_ID and ERRORS per row — streamed to disk. A job restarted after a crash runs from its first row again.
/// </summary>
internal sealed class SandboxBulkWriter(SandboxBulkJobs jobs, SandboxBulkRowApplier applier)
{
    private const int BatchSize = 100;

    public async Task RunAsync(SandboxBulkJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        jobs.Update(job.Id, j => j with { Added = 0, Updated = 0, Skipped = 0 }, persist: false);
        var temporary = jobs.Files.Temporary();
        try
        {
            await using (var upload = File.OpenRead(jobs.Files.Upload(job.Write!.FileId)))
            using (var zip = new ZipArchive(upload, ZipArchiveMode.Read))
            {
                var (entry, _) = SandboxCsv.SingleCsv(zip);
                using var input = SandboxCsv.Reader(entry!.Open());
                var (output, csv) = SandboxCsv.CreateZip(temporary, $"Leads-{SandboxJson.Id(job.Id)}.csv");
                using (output)
                using (csv)
                {
                    input.ReadHeader();
                    SandboxCsv.WriteRow(csv, [.. input.Headers, "STATUS", "RECORD_ID", "ERRORS"]);
                    await CopyRowsAsync(job, input, csv, cancellationToken);
                }
            }

            File.Move(temporary, jobs.Files.Result(job.Id), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task CopyRowsAsync(SandboxBulkJob job, CsvHelper.CsvReader input, CsvHelper.CsvWriter output, CancellationToken cancellationToken)
    {
        var batch = new List<string[]>(BatchSize);
        var more = true;
        while (more)
        {
            more = input.Read();
            if (more)
            {
                batch.Add(Fit(SandboxCsv.Cells(input), input.Headers.Count));
            }

            if (batch.Count == BatchSize || (!more && batch.Count > 0))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcomes = await applier.ApplyAsync(job.Operation, job.Write!, batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    SandboxCsv.WriteRow(output, [.. batch[i], outcomes[i].Status, outcomes[i].RecordId, outcomes[i].Errors]);
                }

                Count(job.Id, outcomes);
                batch.Clear();
            }
        }
    }

    /// <summary>The row cut or padded to the header's width, so STATUS, RECORD_ID and ERRORS stay in their columns.</summary>
    private static string[] Fit(string[] row, int width) =>
        row.Length == width ? row : [.. row.Take(width), .. Enumerable.Repeat(string.Empty, Math.Max(0, width - row.Length))];

    private void Count(long jobId, IReadOnlyList<SandboxBulkRowOutcome> outcomes) => jobs.Update(jobId, j => j with
    {
        Added = j.Added + outcomes.Count(o => o.Status == SandboxBulkRowOutcome.AddedStatus),
        Updated = j.Updated + outcomes.Count(o => o.Status == SandboxBulkRowOutcome.UpdatedStatus),
        Skipped = j.Skipped + outcomes.Count(o => o.Status == SandboxBulkRowOutcome.SkippedStatus),
    }, persist: false);
}
