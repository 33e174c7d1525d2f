using System.Text.Json;
using CsvHelper;
using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// Writes a job's refused rows as CSV (CsvHelper): the file's own header plus a <c>Row</c> and a <c>Reason</c> column,
/// each row as uploaded, so a person can fix the rows and import the file again. Cells are guarded against spreadsheet
/// formulas like an export's (<see cref="CsvFormulaGuard"/>; an import reads them back unguarded). Streamed from one query.
/// </summary>
public sealed class ImportRefusalsCsv(IDbContextFactory<LeadSyncDbContext> contexts)
{
    public const string RowColumn = "Row";
    public const string ReasonColumn = "Reason";

    /// <summary>Writes the refused rows of the job in file order; returns how many were written.</summary>
    public async Task<int> WriteAsync(Guid jobId, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var headersJson = await db.Set<ImportJob>().Where(j => j.Id == jobId).Select(j => j.HeadersJson).FirstOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"There is no import job {jobId}.");
        var headers = JsonSerializer.Deserialize<string[]>(headersJson) ?? [];
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default, true);
        WriteRecord(csv, [RowColumn, .. headers, ReasonColumn], guard: false);
        var count = 0;
        var rows = db.Set<ImportRefusal>().AsNoTracking().Where(r => r.JobId == jobId).OrderBy(r => r.RowNumber).ThenBy(r => r.Id);
        await foreach (var refusal in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var values = JsonSerializer.Deserialize<string[]>(refusal.ValuesJson) ?? [];
            WriteRecord(csv, [refusal.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), .. Pad(values, headers.Length), refusal.Reason], guard: true);
            if (++count % LeadCsvExport.FlushEvery == 0)
            {
                await csv.FlushAsync(cancellationToken);
                await output.FlushAsync(cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
        return count;
    }

    private static string[] Pad(string[] values, int width) =>
        values.Length >= width ? values : [.. values, .. Enumerable.Repeat(string.Empty, width - values.Length)];

    private static void WriteRecord(CsvWriter csv, IEnumerable<string> cells, bool guard)
    {
        foreach (var cell in cells)
        {
            csv.WriteField(guard ? CsvFormulaGuard.Escape(cell, isPhone: PhoneRule.IsValid(cell)) : cell);
        }

        csv.EndRecord();
    }
}
