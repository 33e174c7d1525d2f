using System.Text.Json;
using LeadSync.Core.Data;
using LeadSync.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// What the console (and later the API) asks of CSV imports: start one (the whole file is read first, so a malformed
/// file or a wrong mapping is refused before anything is stored), follow it, list recent ones, cancel one, download its
/// refused rows, and resume the jobs a stopped process left (<see cref="ImportJobResumer"/>). Jobs run in the background.
/// </summary>
public sealed class LeadImportJobs(
    IDbContextFactory<LeadSyncDbContext> contexts, ImportJobStore store, ImportJobRunner runner, SyncBackgroundRunner background, TimeProvider clock)
{
    /// <summary>Stores the job and starts it in the background; returns its id. Throws <see cref="ImportFileException"/> or <see cref="ImportMappingException"/>.</summary>
    public async Task<Guid> StartAsync(ImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = ImportCsvReader.ReadHeader(request.Content);
        request.Mapping.EnsureValid(headers.Count);
        var total = ImportCsvReader.CountRows(request.Content);
        if (total == 0)
        {
            throw new ImportFileException("The file has a header but no rows of leads.");
        }

        var job = new ImportJob
        {
            FileName = Clip(request.FileName, ImportJob.FileNameMaxLength), CreatedBy = Clip(request.CreatedBy, ImportJob.CreatedByMaxLength),
            CreatedAt = clock.GetUtcNow(), HeadersJson = JsonSerializer.Serialize(headers), MappingJson = request.Mapping.ToJson(),
            ExistingEmail = request.ExistingEmail, TotalRows = total,
        };
        await store.AddAsync(job, request.Content, cancellationToken);
        await RunIfUnheldAsync(job.Id, cancellationToken);
        return job.Id;
    }

    public Task<ImportJob?> GetAsync(Guid id, CancellationToken cancellationToken = default) => store.GetAsync(id, cancellationToken);

    /// <summary>The most recent jobs, newest first.</summary>
    public async Task<List<ImportJob>> ListRecentAsync(int count = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ImportJob>().AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(Math.Clamp(count, 1, 200)).ToListAsync(cancellationToken);
    }

    /// <summary>Asks the job to stop after its current batch (whichever instance runs it); false when it has ended already.</summary>
    public Task<bool> CancelAsync(Guid id, CancellationToken cancellationToken = default) => store.RequestCancelAsync(id, cancellationToken);

    /// <summary>Writes the job's refused rows as CSV (header, Row, the cells, Reason); returns how many.</summary>
    public Task<int> WriteRefusalsAsync(Guid id, TextWriter output, CancellationToken cancellationToken = default) =>
        new ImportRefusalsCsv(contexts).WriteAsync(id, output, cancellationToken);

    /// <summary>Starts every unfinished job nobody holds (left by a stopped process); returns how many were taken.</summary>
    public async Task<int> ResumeUnheldAsync(CancellationToken cancellationToken = default)
    {
        var resumed = 0;
        foreach (var id in await store.UnheldAsync(cancellationToken))
        {
            resumed += await RunIfUnheldAsync(id, cancellationToken) ? 1 : 0;
        }

        return resumed;
    }

    private async Task<bool> RunIfUnheldAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await store.TryClaimAsync(id, cancellationToken) is not { } run)
        {
            return false;
        }

        background.Run(token => runner.RunAsync(id, run, token));
        return true;
    }

    private static string Clip(string? value, int max) => value is { Length: > 0 } v ? (v.Length > max ? v[..max] : v) : string.Empty;
}
